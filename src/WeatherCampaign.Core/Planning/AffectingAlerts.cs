using System.Globalization;
using WeatherCampaign.Core.Alerts;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Regions;

namespace WeatherCampaign.Core.Planning;

/// <summary>The counting alerts affecting a campaign, as the reason its intervention carries and one line for people.</summary>
internal sealed record Affecting(InterventionReason Reason, string Description, IReadOnlyList<WeatherAlert> Alerts);

/// <summary>
/// Rules 1 and 2 for one cycle: the alerts that count, indexed by region key, and which of them affect a campaign. Many
/// campaigns name the same regions (US-NY, a group), so each distinct list of codes is matched once per cycle.
/// </summary>
internal sealed class AffectingAlerts
{
    private readonly RegionCatalog _catalog;
    private readonly AlertPolicy _policy;
    private readonly Dictionary<string, List<WeatherAlert>> _byKey = new(RegionKey.Comparer);
    private readonly Dictionary<string, Affecting?> _byCodes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Affecting> _byMatchedKeys = new(RegionKey.Comparer);

    public AffectingAlerts(RegionCatalog catalog, AlertSnapshot snapshot, AlertPolicy policy, DateTimeOffset now)
    {
        _catalog = catalog;
        _policy = policy;
        var superseded = new Supersessions(snapshot.Alerts, snapshot.Feeds);
        Lineages = new AlertLineages(snapshot, superseded);
        foreach (var alert in snapshot.Alerts)
        {
            if (policy.WhyNotCounting(alert, now, superseded) is not null)
            {
                continue;
            }

            Counting++;
            foreach (var key in catalog.KeysForAlert(alert))
            {
                if (!_byKey.TryGetValue(key, out var list))
                {
                    _byKey[key] = list = [];
                }

                list.Add(alert);
            }
        }
    }

    /// <summary>Rule 7: how this cycle's alerts chain to the alerts a hold knows.</summary>
    public AlertLineages Lineages { get; }

    /// <summary>How many alerts count this cycle.</summary>
    public int Counting { get; }

    /// <summary>The counting alerts that meet any of the campaign's regions; null when none does.</summary>
    public Affecting? For(Campaign campaign)
    {
        if (_byKey.Count == 0 || campaign.Regions.Count == 0)
        {
            return null;
        }
        // A campaign's codes are split on commas, so none holds one: the joined list names exactly one list.
        var codes = string.Join(',', campaign.Regions);
        if (!_byCodes.TryGetValue(codes, out var affecting))
        {
            _byCodes[codes] = affecting = Match(_catalog.KeysForCampaign(campaign.Regions));
        }

        return affecting;
    }

    private Affecting? Match(IReadOnlySet<string> campaignKeys)
    {
        var matched = campaignKeys.Where(_byKey.ContainsKey).ToList();
        matched.Sort(RegionKey.Comparer);
        if (matched.Count == 0)
        {
            return null;
        }

        // Lists of codes that differ (US-FL,US-OH and US-FL,US-WA) often meet the same alert keys: each set is described once.
        var keys = string.Join(',', matched);
        if (!_byMatchedKeys.TryGetValue(keys, out var affecting))
        {
            _byMatchedKeys[keys] = affecting = Describe(matched);
        }

        return affecting;
    }

    private Affecting Describe(List<string> matched)
    {
        var alerts = matched.SelectMany(key => _byKey[key])
            .DistinctBy(a => a.Id, StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(a => a.Severity).ThenBy(a => a.Id, StringComparer.Ordinal)
            .ToList();
        var reason = new InterventionReason(
            [.. alerts.Select(a => a.Id)],
            [.. alerts.Select(a => a.Event ?? "(unnamed alert)").Distinct(StringComparer.OrdinalIgnoreCase)],
            matched,
            SeverityOf(alerts),
            alerts.Max(_policy.InForceUntil))
        {
            EventEnds = alerts.Where(a => _policy.InForceUntil(a) is not null)
                .GroupBy(a => a.Event ?? "(unnamed alert)", StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.Max(a => _policy.InForceUntil(a)!.Value), StringComparer.OrdinalIgnoreCase),
        };
        var until = reason.Until is { } end ? string.Create(CultureInfo.InvariantCulture, $" until {end:u}") : "";
        return new Affecting(reason, $"{string.Join(", ", reason.Events)} ({reason.Severity}){until}", alerts);
    }

    /// <summary>The most severe warning's severity; a campaign under declarations only shows their kind, having no CAP severity.</summary>
    private static string SeverityOf(List<WeatherAlert> alerts) =>
        alerts.FirstOrDefault(a => a.Kind == AlertKind.Warning)?.Severity.ToString() ?? nameof(AlertKind.Declaration);
}
