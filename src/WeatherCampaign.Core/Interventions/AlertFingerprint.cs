using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using WeatherCampaign.Core.Alerts;

namespace WeatherCampaign.Core.Interventions;

/// <summary>
/// A digest of what the planner would see of the alerts: each alert's feed, id, status and type, its sent time and its
/// in-force window, and whether each feed could be read. Equal fingerprints mean the alert set did not change (a feed's
/// 304 gives back the same alerts, so the same fingerprint); the clock's part (an alert starting or ending) is
/// <see cref="FullCycleTrigger"/>'s to watch. Order-independent: a feed listing the same alerts in another order is unchanged.
/// </summary>
public static class AlertFingerprint
{
    public static string Of(AlertSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var lines = new List<string>(snapshot.Alerts.Count + snapshot.Feeds.Count);
        lines.AddRange(snapshot.Feeds.Select(f => string.Create(CultureInfo.InvariantCulture, $"feed\u001f{f.Feed}\u001f{f.Succeeded}")));
        lines.AddRange(snapshot.Alerts.Select(a => string.Join('\u001f',
            "alert", a.Feed, a.Id, a.Status, a.MessageType, Time(a.Sent), Time(a.Effective), Time(a.Onset), Time(a.Expires), Time(a.Ends))));
        lines.Sort(StringComparer.Ordinal);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001e', lines)))).ToLowerInvariant();
    }

    private static string Time(DateTimeOffset? value) => value?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "";
}
