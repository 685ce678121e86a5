using System.Text.Json;

namespace WeatherCampaign.Integration.Tests;

/// <summary>NWS API GeoJSON written for these tests (the shape of api.weather.gov/alerts/active).</summary>
internal static class Feeds
{
    public const string GeoJson = "application/geo+json";

    public static string Nws(params NwsAlert[] alerts) => JsonSerializer.Serialize(new
    {
        type = "FeatureCollection",
        features = alerts.Select(a => new
        {
            id = "https://api.weather.gov/alerts/" + a.Id,
            type = "Feature",
            geometry = (object?)null,
            properties = new Dictionary<string, object?>
            {
                ["@id"] = "https://api.weather.gov/alerts/" + a.Id,
                ["@type"] = "wx:Alert",
                ["id"] = a.Id,
                ["areaDesc"] = string.Join("; ", a.Zones),
                ["geocode"] = new { UGC = a.Zones, SAME = Array.Empty<string>() },
                ["affectedZones"] = a.Zones.Select(z => "https://api.weather.gov/zones/forecast/" + z).ToArray(),
                ["references"] = Array.Empty<object>(),
                ["sent"] = a.Onset.ToString("o"),
                ["effective"] = a.Onset.ToString("o"),
                ["onset"] = a.Onset.ToString("o"),
                ["expires"] = a.Ends.ToString("o"),
                ["ends"] = a.Ends.ToString("o"),
                ["status"] = "Actual",
                ["messageType"] = "Alert",
                ["category"] = "Met",
                ["severity"] = a.Severity,
                ["certainty"] = "Likely",
                ["urgency"] = "Expected",
                ["event"] = a.Event,
                ["senderName"] = "NWS Test Office",
                ["headline"] = a.Event + " issued for " + string.Join(", ", a.Zones),
                ["description"] = "Test description.",
                ["instruction"] = null,
                ["response"] = "Shelter",
            },
        }).ToArray(),
        title = "Current watches, warnings, and advisories",
        updated = DateTimeOffset.UtcNow.ToString("o"),
    });

    public static string Empty() => Nws();
}

internal sealed record NwsAlert(string Id, string Event, string Severity, string[] Zones, DateTimeOffset Onset, DateTimeOffset Ends)
{
    public static NwsAlert Warning(string id, string @event, params string[] zones) =>
        new(id, @event, "Extreme", zones, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12));
}
