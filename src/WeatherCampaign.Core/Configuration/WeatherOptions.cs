using System.ComponentModel.DataAnnotations;

namespace WeatherCampaign.Core.Configuration;

/// <summary>Which parser reads a feed; <see cref="Auto"/> decides by content type and content.</summary>
public enum FeedFormat { Auto = 0, Nws, Simple, Cap, Atom }

/// <summary>One weather feed (<c>Weather:Feeds:N:*</c>).</summary>
public sealed class FeedOptions
{
    /// <summary>An http(s) URL, or a <c>file:</c> path for replaying a recorded feed.</summary>
    [Required] public string Url { get; set; } = "";
    public FeedFormat Format { get; set; } = FeedFormat.Auto;
    /// <summary>A short name for logs and audit rows; defaults to the URL's host and path.</summary>
    public string? Name { get; set; }
}

/// <summary>The <c>Weather</c> section.</summary>
public sealed class WeatherOptions
{
    public const string Section = "Weather";
    public List<FeedOptions> Feeds { get; set; } = [];
    /// <summary>Sent on every feed request; the NWS API refuses requests without one.</summary>
    public string? UserAgent { get; set; }
    [Range(1, long.MaxValue)] public long MaxFeedBytes { get; set; } = 50L * 1024 * 1024;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// The <c>Regions</c> section: named groups of region codes, as an array (<c>Regions:Groups:US-NE:0 = NY</c>, …) or one
/// comma-separated string (<c>Regions:Groups:US-NE = NY,NJ,PA</c>); <see cref="Regions.RegionServiceCollectionExtensions.AddRegionCatalog"/> binds both.
/// </summary>
public sealed class RegionsOptions
{
    public const string Section = "Regions";
    public Dictionary<string, List<string>> Groups { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
