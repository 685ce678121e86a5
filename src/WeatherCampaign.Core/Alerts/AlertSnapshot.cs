namespace WeatherCampaign.Core.Alerts;

/// <summary>How reading one configured feed went in one cycle.</summary>
/// <param name="Source">The feed's <c>Weather:Feeds:N:Source</c> when one is configured; see <see cref="SourceName"/>.</param>
/// <param name="Skipped">
/// Entries the feed listed that could not become alerts (an index entry with no CAP link, a FEMA record without a valid
/// FIPS code), and <paramref name="SkippedBecause"/> why, for the cycle row.
/// </param>
public sealed record FeedOutcome(
    string Feed, bool Succeeded, int AlertCount, string? Error = null, bool NotModified = false, string? Source = null, int Skipped = 0, string? SkippedBecause = null)
{
    /// <summary>The publisher the feed speaks for: its configured source, else the feed itself.</summary>
    public string SourceName => Source ?? Feed;
}

/// <summary>Everything the feeds said in one cycle, and whether each of them could be read.</summary>
public sealed record AlertSnapshot(IReadOnlyList<WeatherAlert> Alerts, IReadOnlyList<FeedOutcome> Feeds)
{
    public bool AllFeedsSucceeded => Feeds.Count > 0 && Feeds.All(f => f.Succeeded);
    public IEnumerable<FeedOutcome> FailedFeeds => Feeds.Where(f => !f.Succeeded);
}
