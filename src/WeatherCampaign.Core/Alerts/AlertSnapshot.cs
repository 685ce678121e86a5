namespace WeatherCampaign.Core.Alerts;

/// <summary>How reading one configured feed went in one cycle.</summary>
public sealed record FeedOutcome(string Feed, bool Succeeded, int AlertCount, string? Error = null, bool NotModified = false);

/// <summary>Everything the feeds said in one cycle, and whether each of them could be read.</summary>
public sealed record AlertSnapshot(IReadOnlyList<WeatherAlert> Alerts, IReadOnlyList<FeedOutcome> Feeds)
{
    public bool AllFeedsSucceeded => Feeds.Count > 0 && Feeds.All(f => f.Succeeded);
    public IEnumerable<FeedOutcome> FailedFeeds => Feeds.Where(f => !f.Succeeded);
}
