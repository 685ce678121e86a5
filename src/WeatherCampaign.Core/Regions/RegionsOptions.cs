namespace WeatherCampaign.Core.Regions;

/// <summary>
/// The <c>Regions</c> section: named groups of region codes, as an array (<c>Regions:Groups:US-NE:0 = NY</c>, …) or one
/// comma-separated string (<c>Regions:Groups:US-NE = NY,NJ,PA</c>); <see cref="RegionServiceCollectionExtensions.AddRegionCatalog"/> binds both.
/// </summary>
public sealed class RegionsOptions
{
    public const string Section = "Regions";
    public Dictionary<string, List<string>> Groups { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
