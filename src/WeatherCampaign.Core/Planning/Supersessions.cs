using WeatherCampaign.Core.Alerts;

namespace WeatherCampaign.Core.Planning;

/// <summary>
/// Which alerts a later Update or Cancel in the same snapshot replaces. A publisher's update replaces only its own alerts:
/// supersession stays within one source (a feed, or feeds configured with the same <c>Weather:Feeds:N:Source</c>), so one
/// feed can never retire another publisher's warning.
/// </summary>
public sealed class Supersessions
{
    private readonly Dictionary<string, string> _sourceOfFeed;
    private readonly Dictionary<string, HashSet<string>> _replacedBySource = new(StringComparer.OrdinalIgnoreCase);

    public Supersessions(IEnumerable<WeatherAlert> alerts, IReadOnlyList<FeedOutcome> feeds)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(feeds);
        _sourceOfFeed = feeds.DistinctBy(f => f.Feed, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(f => f.Feed, f => f.SourceName, StringComparer.OrdinalIgnoreCase);
        foreach (var alert in alerts.Where(a => a.MessageType is AlertMessageType.Update or AlertMessageType.Cancel && a.References.Count > 0))
        {
            var source = SourceOf(alert);
            if (!_replacedBySource.TryGetValue(source, out var replaced))
            {
                _replacedBySource[source] = replaced = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            }

            replaced.UnionWith(alert.References);
        }
    }

    /// <summary>Whether an Update or Cancel from <paramref name="alert"/>'s own source references it.</summary>
    public bool Replaces(WeatherAlert alert) =>
        _replacedBySource.TryGetValue(SourceOf(alert), out var replaced) && replaced.Contains(alert.Id);

    /// <summary>The alert's source: its feed's <c>Weather:Feeds:N:Source</c>, else the feed itself.</summary>
    public string SourceOf(WeatherAlert alert) => _sourceOfFeed.GetValueOrDefault(alert.Feed, alert.Feed);
}
