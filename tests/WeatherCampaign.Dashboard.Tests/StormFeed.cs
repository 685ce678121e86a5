using System.Text.Json;

namespace WeatherCampaign.Dashboard.Tests;

/// <summary>One alert of the page's test storm: NWS GeoJSON with UGC zones or counties and SAME (county FIPS) codes.</summary>
internal sealed record StormAlert(string Id, string Event, string Severity, string Area, string[] Ugc, string[] Same);

/// <summary>NWS API GeoJSON (api.weather.gov/alerts/active) for the page's tests, in force from an hour ago for twelve hours.</summary>
internal static class StormFeed
{
    public static readonly StormAlert Hurricane = new("hurricane-1", "Hurricane Warning", "Extreme", "Hillsborough; Pinellas", ["FLZ151", "FLZ173"], ["012057", "012103"]);

    /// <summary>An area text that is markup: the page must show it as text.</summary>
    public static readonly StormAlert Blizzard = new("blizzard-1", "Blizzard Warning", "Severe", "<img src=x onerror=alert(1)>Suffolk", ["MAZ015"], ["025025"]);

    /// <summary>A UGC county code (TXC201, Harris): the map shades the county.</summary>
    public static readonly StormAlert Flood = new("flood-1", "Flash Flood Warning", "Severe", "Harris", ["TXC201"], []);

    public static string With(params StormAlert[] alerts) => With(DateTimeOffset.UtcNow, alerts);

    public static string With(DateTimeOffset now, IEnumerable<StormAlert> alerts) => JsonSerializer.Serialize(new
    {
        type = "FeatureCollection",
        features = alerts.Select(a => new
        {
            id = "https://api.weather.gov/alerts/" + a.Id,
            type = "Feature",
            geometry = (object?)null,
            properties = new Dictionary<string, object?>
            {
                ["id"] = a.Id,
                ["areaDesc"] = a.Area,
                ["geocode"] = new { UGC = a.Ugc, SAME = a.Same },
                ["references"] = Array.Empty<object>(),
                ["sent"] = now.AddHours(-1).ToString("o"),
                ["effective"] = now.AddHours(-1).ToString("o"),
                ["onset"] = now.AddHours(-1).ToString("o"),
                ["expires"] = now.AddHours(12).ToString("o"),
                ["ends"] = now.AddHours(12).ToString("o"),
                ["status"] = "Actual",
                ["messageType"] = "Alert",
                ["category"] = "Met",
                ["severity"] = a.Severity,
                ["certainty"] = "Likely",
                ["urgency"] = "Expected",
                ["event"] = a.Event,
                ["headline"] = a.Event + " for " + a.Area,
            },
        }).ToArray(),
    });
}
