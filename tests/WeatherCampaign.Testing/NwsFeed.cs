using System.Text.Json;

namespace WeatherCampaign.Testing;

/// <summary>NWS API GeoJSON (the shape of api.weather.gov/alerts/active) written for tests.</summary>
public static class NwsFeed
{
    public const string ContentType = "application/geo+json";

    public static string Empty => With();

    public static string With(params NwsAlert[] alerts) => JsonSerializer.Serialize(new
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
                ["references"] = (a.References ?? []).Select(r => new Dictionary<string, string>
                {
                    ["@id"] = "https://api.weather.gov/alerts/" + r,
                    ["identifier"] = r,
                    ["sender"] = "w-nws.webmaster@noaa.gov",
                    ["sent"] = a.Onset.ToString("o"),
                }).ToArray(),
                ["sent"] = a.Onset.ToString("o"),
                ["effective"] = a.Onset.ToString("o"),
                ["onset"] = a.Onset.ToString("o"),
                ["expires"] = a.Ends.ToString("o"),
                ["ends"] = a.Ends.ToString("o"),
                ["status"] = "Actual",
                ["messageType"] = a.MessageType,
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
                ["parameters"] = a.ExpiredReferences is { Length: > 0 } expired
                    ? new Dictionary<string, string[]> { ["expiredReferences"] = [string.Join(' ', expired.Select(r => $"w-nws.webmaster@noaa.gov,{r},{a.Onset:o}"))] }
                    : new Dictionary<string, string[]>(),
            },
        }).ToArray(),
        title = "Current watches, warnings, and advisories",
    });
}

/// <summary>
/// One alert of a test feed, in force from an hour ago. An Update names the earlier messages it re-issues in
/// <paramref name="References"/>, and those that have expired in <paramref name="ExpiredReferences"/> (as NWS does).
/// </summary>
public sealed record NwsAlert(string Id, string Event, string Severity, string[] Zones, DateTimeOffset Onset, DateTimeOffset Ends,
    string MessageType = "Alert", string[]? References = null, string[]? ExpiredReferences = null)
{
    /// <summary>A re-issue of this alert as NWS writes one: a new id, an Update whose references name this alert.</summary>
    public NwsAlert ReissuedAs(string id, string? @event = null, string? severity = null) =>
        this with { Id = id, Event = @event ?? Event, Severity = severity ?? Severity, MessageType = "Update", References = [Id], ExpiredReferences = References };

    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public static NwsAlert Warning(string id, string @event, params string[] zones) =>
        new(id, @event, "Extreme", zones, Now.AddHours(-1), Now.AddHours(12));

    public static NwsAlert Hurricane(params string[] zones) =>
        new("urn:oid:2.49.0.1.840.0.test.hurricane", "Hurricane Warning", "Extreme", zones, Now.AddHours(-1), Now.AddHours(12));

    public static NwsAlert Blizzard(params string[] zones) =>
        new("urn:oid:2.49.0.1.840.0.test.blizzard", "Blizzard Warning", "Severe", zones, Now.AddHours(-1), Now.AddHours(18));

    public static NwsAlert WindAdvisory(params string[] zones) =>
        new("urn:oid:2.49.0.1.840.0.test.wind", "Wind Advisory", "Moderate", zones, Now.AddHours(-1), Now.AddHours(6));
}
