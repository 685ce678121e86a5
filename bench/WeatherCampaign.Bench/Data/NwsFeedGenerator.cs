using System.Buffers;
using System.Globalization;
using System.Text.Json;
using WeatherCampaign.Core.Alerts;

namespace WeatherCampaign.Bench.Data;

/// <summary>One alert to write: where, how bad, which event.</summary>
internal sealed record NwsAlertSpec(string State, AlertSeverity Severity, string Event);

/// <summary>
/// Writes an NWS API GeoJSON <c>FeatureCollection</c> (the shape of <c>api.weather.gov/alerts/active</c>) with the fields and
/// proportions of real alerts: long descriptions, polygons, UGC and SAME geocodes, affected-zone URLs, VTEC parameters,
/// references. Deterministic: the same specs and seed give the same bytes.
/// </summary>
internal static class NwsFeedGenerator
{
    private static readonly string[] Words =
    [
        "snow", "accumulations", "inches", "winds", "gusting", "mph", "travel", "could", "be", "very", "difficult", "roads", "slippery",
        "visibility", "reduced", "blowing", "heavy", "rain", "flooding", "rivers", "creeks", "streams", "low-lying", "areas", "power",
        "outages", "trees", "down", "coastal", "surge", "feet", "above", "ground", "level", "expected", "tonight", "through", "morning",
        "commute", "impacted", "hazardous", "conditions", "remain", "possible", "later", "advisory", "warning", "county", "eastern",
        "western", "northern", "southern", "central", "portions", "including", "cities", "of", "and", "the", "in", "with", "for",
    ];

    /// <summary>A feed of the given alerts; <paramref name="descriptionChars"/> sets the bulk of each alert (about 10 KB each at 4 000).</summary>
    public static byte[] Generate(IReadOnlyList<NwsAlertSpec> alerts, DateTimeOffset now, int seed = 7, int descriptionChars = 5_400)
    {
        var random = new Random(seed);
        var buffer = new ArrayBufferWriter<byte>(Math.Max(64 * 1024, alerts.Count * (descriptionChars + 7_000)));
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteStartArray("@context");
            json.WriteStringValue("https://geojson.org/geojson-ld/geojson-context.jsonld");
            json.WriteStartObject();
            json.WriteString("@version", "1.1");
            json.WriteString("wx", "https://api.weather.gov/ontology#");
            json.WriteString("@vocab", "https://api.weather.gov/ontology#");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteString("type", "FeatureCollection");
            json.WriteStartArray("features");
            string? previousId = null;
            foreach (var spec in alerts)
            {
                previousId = WriteFeature(json, spec, now, random, descriptionChars, previousId);
            }
            json.WriteEndArray();
            json.WriteString("title", "Current watches, warnings, and advisories for the United States");
            json.WriteString("updated", Time(now));
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Severe and Extreme alerts in the given states (they count under the default policy), and Moderate/Minor ones elsewhere (they do not).</summary>
    public static List<NwsAlertSpec> Storm(int count, IReadOnlyList<string> stormStates, IReadOnlyList<string> quietStates, double countingShare, int seed = 11)
    {
        var random = new Random(seed);
        var specs = new List<NwsAlertSpec>(count);
        for (var i = 0; i < count; i++)
        {
            var counting = random.NextDouble() < countingShare;
            specs.Add(counting
                ? new NwsAlertSpec(stormStates[random.Next(stormStates.Count)], random.Next(3) == 0 ? AlertSeverity.Extreme : AlertSeverity.Severe,
                    random.Next(3) switch { 0 => "Blizzard Warning", 1 => "Winter Storm Warning", _ => "High Wind Warning" })
                : new NwsAlertSpec(quietStates[random.Next(quietStates.Count)], random.Next(2) == 0 ? AlertSeverity.Moderate : AlertSeverity.Minor,
                    random.Next(3) switch { 0 => "Wind Advisory", 1 => "Special Weather Statement", _ => "Winter Weather Advisory" }));
        }
        return specs;
    }

    private static string WriteFeature(Utf8JsonWriter json, NwsAlertSpec spec, DateTimeOffset now, Random random, int descriptionChars, string? previousId)
    {
        var id = "urn:oid:2.49.0.1.840.0." + Convert.ToHexStringLower(RandomBytes(random, 20)) + ".001.1";
        var url = "https://api.weather.gov/alerts/" + id;
        var fips = UsStates.FipsOf(spec.State);
        var zones = Enumerable.Range(0, random.Next(4, 16)).Select(_ => string.Create(CultureInfo.InvariantCulture, $"{spec.State}Z{random.Next(1, 200):D3}")).Distinct().ToList();
        var counties = zones.Select(_ => string.Create(CultureInfo.InvariantCulture, $"0{fips}{random.Next(1, 200) | 1:D3}")).Distinct().ToList();
        var sent = now.AddMinutes(-random.Next(30, 240));
        var onset = now.AddMinutes(-random.Next(0, 60));
        var ends = now.AddHours(random.Next(6, 36));

        json.WriteStartObject();
        json.WriteString("id", url);
        json.WriteString("type", "Feature");
        if (random.NextDouble() < 0.6)
        {
            json.WriteStartObject("geometry");
            json.WriteString("type", "Polygon");
            json.WriteStartArray("coordinates");
            json.WriteStartArray();
            var (lon, lat) = (-120 + random.NextDouble() * 45, 28 + random.NextDouble() * 18);
            var points = random.Next(40, 120);
            for (var p = 0; p < points; p++)
            {
                json.WriteStartArray();
                json.WriteNumberValue(Math.Round(lon + Math.Cos(p * 2 * Math.PI / points) * 0.8, 4));
                json.WriteNumberValue(Math.Round(lat + Math.Sin(p * 2 * Math.PI / points) * 0.6, 4));
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("geometry");
        }

        json.WriteStartObject("properties");
        json.WriteString("@id", url);
        json.WriteString("@type", "wx:Alert");
        json.WriteString("id", id);
        json.WriteString("areaDesc", string.Join("; ", zones.Select(z => "County " + z[3..] + ", " + spec.State)));
        json.WriteStartObject("geocode");
        WriteStrings(json, "SAME", counties);
        WriteStrings(json, "UGC", zones);
        json.WriteEndObject();
        WriteStrings(json, "affectedZones", zones.Select(z => "https://api.weather.gov/zones/forecast/" + z));
        json.WriteStartArray("references");
        if (previousId is not null && random.Next(4) == 0)
        {
            json.WriteStartObject();
            json.WriteString("@id", "https://api.weather.gov/alerts/" + previousId);
            json.WriteString("identifier", previousId);
            json.WriteString("sender", "w-nws.webmaster@noaa.gov");
            json.WriteString("sent", Time(sent.AddHours(-6)));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteString("sent", Time(sent));
        json.WriteString("effective", Time(sent));
        json.WriteString("onset", Time(onset));
        json.WriteString("expires", Time(now.AddHours(4)));
        json.WriteString("ends", Time(ends));
        json.WriteString("status", "Actual");
        json.WriteString("messageType", "Alert");
        json.WriteString("category", "Met");
        json.WriteString("severity", spec.Severity.ToString());
        json.WriteString("certainty", "Likely");
        json.WriteString("urgency", "Expected");
        json.WriteString("event", spec.Event);
        json.WriteString("sender", "w-nws.webmaster@noaa.gov");
        json.WriteString("senderName", "NWS Office " + spec.State);
        json.WriteString("headline", $"{spec.Event} issued {Time(sent)} until {Time(ends)} by NWS Office {spec.State}");
        json.WriteString("description", Text(random, descriptionChars / 2 + random.Next(descriptionChars)));
        json.WriteString("instruction", Text(random, 300 + random.Next(900)));
        json.WriteString("response", "Prepare");
        json.WriteStartObject("parameters");
        WriteStrings(json, "AWIPSidentifier", ["WSW" + spec.State]);
        WriteStrings(json, "WMOidentifier", ["WWUS41 K" + spec.State + "X " + sent.ToString("ddHHmm", CultureInfo.InvariantCulture)]);
        WriteStrings(json, "NWSheadline", [spec.Event.ToUpperInvariant() + " IN EFFECT UNTIL " + ends.ToString("htt ddd", CultureInfo.InvariantCulture).ToUpperInvariant()]);
        WriteStrings(json, "BLOCKCHANNEL", ["EAS", "NWEM", "CMAS"]);
        WriteStrings(json, "VTEC", [$"/O.NEW.K{spec.State}X.WS.W.{random.Next(1, 9999):D4}.{sent:yyMMdd'T'HHmm'Z'}-{ends:yyMMdd'T'HHmm'Z'}/"]);
        WriteStrings(json, "eventEndingTime", [Time(ends)]);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        return id;
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    internal static string Text(Random random, int chars)
    {
        var text = new System.Text.StringBuilder(chars + 16);
        text.Append("* WHAT...");
        while (text.Length < chars)
        {
            if (random.Next(25) == 0)
            {
                text.Append(".\n\n* WHERE...");
            }
            else
            {
                text.Append(Words[random.Next(Words.Length)]).Append(' ');
            }
        }
        return text.Append('.').ToString();
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
