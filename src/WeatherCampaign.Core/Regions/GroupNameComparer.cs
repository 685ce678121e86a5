namespace WeatherCampaign.Core.Regions;

/// <summary>
/// Group names compare without case and with '-' and '_' alike: Linux App Service cannot carry a hyphen in a setting
/// name, so <c>Regions__Groups__US_NE</c> there must name the same group as <c>US-NE</c> in a campaign.
/// </summary>
internal sealed class GroupNameComparer : IEqualityComparer<string>
{
    public static readonly GroupNameComparer Instance = new();

    public bool Equals(string? x, string? y) =>
        x is null || y is null ? ReferenceEquals(x, y) : string.Equals(Normalize(x), Normalize(y), StringComparison.OrdinalIgnoreCase);

    public int GetHashCode(string obj) => StringComparer.OrdinalIgnoreCase.GetHashCode(Normalize(obj));

    private static string Normalize(string name) => name.Replace('_', '-');
}
