using WeatherCampaign.Core.Alerts;
using WeatherCampaign.Core.Holds;

namespace WeatherCampaign.Core.Planning;

/// <summary>What one counting alert is to a hold: one a person already weighed, a re-issue of one it knows, or news.</summary>
internal enum LineageVerdict
{
    /// <summary>The very alert a person resumed the campaign under.</summary>
    Weighed,

    /// <summary>A re-issue of an alert of the hold's lineage, with the same event and no higher severity.</summary>
    Reissue,

    /// <summary>An alert outside the lineage, or a re-issue whose event changed or whose severity rose: it may act again.</summary>
    News,
}

/// <param name="ReissueOf">The nearest alert of the hold's lineage this one re-issues; null when it re-issues none.</param>
/// <param name="Why">For people: "re-issue of …", and what is new in it.</param>
internal sealed record LineageFinding(WeatherAlert Alert, LineageVerdict Verdict, string? ReissueOf, LineageEntry Entry, string Why);

/// <summary>
/// Rule 7: each alert's chain across cycles. An Update names the alerts it re-issues (<see cref="WeatherAlert.References"/>,
/// NWS <c>expiredReferences</c> included); a hold remembers every alert it saw and what that re-issued
/// (<see cref="WeatherHold.Lineage"/>), so a chain is followed through this cycle's alerts and the hold's memory even after
/// the first issue has left the feed. Links stay within one source, as supersession does (<see cref="Supersessions"/>): a feed
/// cannot make its alert a re-issue of another publisher's.
/// </summary>
internal sealed class AlertLineages
{
    /// <summary>How many references one alert's chain may follow: far beyond a real chain, and it bounds a hostile one.</summary>
    private const int MaxFollowed = 256;

    private readonly Supersessions _sources;
    private readonly Dictionary<string, List<WeatherAlert>> _byId = new(StringComparer.OrdinalIgnoreCase);

    public AlertLineages(AlertSnapshot snapshot, Supersessions sources)
    {
        _sources = sources;
        foreach (var alert in snapshot.Alerts.Where(a => a.References.Count > 0))
        {
            if (!_byId.TryGetValue(alert.Id, out var same))
            {
                _byId[alert.Id] = same = [];
            }

            same.Add(alert);
        }
    }

    /// <summary>
    /// What <paramref name="alert"/> is to <paramref name="hold"/>. With <paramref name="weighedOnly"/>, only alerts a person
    /// resumed the campaign under (<see cref="WeatherHold.SuppressedAlertIds"/>) can make it a re-issue; otherwise any alert the
    /// hold knows.
    /// </summary>
    public LineageFinding Judge(WeatherAlert alert, WeatherHold hold, bool weighedOnly)
    {
        var source = _sources.SourceOf(alert);
        var ancestors = KnownAncestors(alert, hold, source);
        var entry = new LineageEntry(alert.Id, ancestors.FirstOrDefault() ?? alert.References.FirstOrDefault(), source, alert.Event, alert.Severity.ToString());
        if (weighedOnly && hold.Suppresses([alert.Id]))
        {
            return new(alert, LineageVerdict.Weighed, null, entry, $"{alert.Id} was weighed by the person");
        }

        var candidates = weighedOnly ? ancestors.Where(id => hold.Suppresses([id])).ToList() : ancestors;
        if (candidates.Count == 0)
        {
            return new(alert, LineageVerdict.News, null, entry, $"{alert.Id} ({alert.Event}, {alert.Severity}) is a new alert");
        }

        string? change = null;
        foreach (var earlier in candidates)
        {
            change = WhatChanged(alert, hold, earlier);
            if (change is null)
            {
                return new(alert, LineageVerdict.Reissue, earlier, entry, $"{alert.Id} re-issue of {earlier}");
            }
        }

        return new(alert, LineageVerdict.News, candidates[0], entry, $"{alert.Id} re-issue of {candidates[0]}, {change}");
    }

    /// <summary>Null when the re-issue says what the earlier alert said (same event, severity not higher); else what is new.</summary>
    private static string? WhatChanged(WeatherAlert alert, WeatherHold hold, string earlierId)
    {
        var earlier = hold.LineageOf(earlierId);
        // An alert the hold has no entry for came with the pause message: it was held for the hold's events and severity.
        IReadOnlyList<string> events = earlier is not null ? [earlier.Event ?? ""] : hold.Events;
        var severity = ParseSeverity(earlier is not null ? earlier.Severity : hold.Severity);
        var name = alert.Event?.Trim() ?? "";
        if (!events.Any(e => string.Equals(e.Trim(), name, StringComparison.OrdinalIgnoreCase)))
        {
            return $"event changed ({string.Join(", ", events)} → {alert.Event})";
        }

        return alert.Severity > severity ? $"severity rose ({severity} → {alert.Severity})" : null;
    }

    private static AlertSeverity ParseSeverity(string? severity) =>
        Enum.TryParse<AlertSeverity>(severity, ignoreCase: true, out var parsed) ? parsed : AlertSeverity.Unknown;

    /// <summary>
    /// The alerts of the hold's lineage that <paramref name="alert"/> re-issues, nearest first. Each reference is followed once
    /// (a cycle such as A references B references A ends), and never across sources.
    /// </summary>
    private List<string> KnownAncestors(WeatherAlert alert, WeatherHold hold, string source)
    {
        var found = new List<string>();
        var followed = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { alert.Id };
        var next = new Queue<string>(alert.References);
        while (followed.Count < MaxFollowed && next.TryDequeue(out var id))
        {
            if (!followed.Add(id))
            {
                continue;
            }

            var entry = hold.LineageOf(id);
            if (entry is not null && !SameSource(entry.Source, source))
            {
                continue;
            }

            // An id with no entry came with the pause message, before a cycle saw the hold: its source is not known.
            if (entry is not null || hold.Knows(id))
            {
                found.Add(id);
            }

            if (entry?.ReissueOf is { } earlier)
            {
                next.Enqueue(earlier);
            }

            foreach (var same in _byId.GetValueOrDefault(id) ?? [])
            {
                if (SameSource(_sources.SourceOf(same), source))
                {
                    foreach (var reference in same.References)
                    {
                        next.Enqueue(reference);
                    }
                }
            }
        }

        return found;
    }

    private static bool SameSource(string? known, string source) =>
        known is null || string.Equals(known, source, StringComparison.OrdinalIgnoreCase);
}
