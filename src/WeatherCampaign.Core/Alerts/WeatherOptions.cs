namespace WeatherCampaign.Core.Alerts;

/// <summary>The <c>Weather</c> section (checked by <see cref="WeatherOptionsValidator"/>).</summary>
public sealed class WeatherOptions
{
    public const string Section = "Weather";
    public List<FeedOptions> Feeds { get; set; } = [];
    /// <summary>Sent on every feed request; the NWS API refuses requests without one.</summary>
    public string? UserAgent { get; set; }
    public long MaxFeedBytes { get; set; } = 50L * 1024 * 1024;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many linked CAP documents of one index feed are fetched at once.</summary>
    public int LinkConcurrency { get; set; } = 8;

    /// <summary>The most CAP documents one index feed may link to; an index listing more fails (it is never read in part).</summary>
    public int MaxLinkedDocuments { get; set; } = 5000;
}
