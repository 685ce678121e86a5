using System.Text.Json;
using static WeatherCampaign.Core.Alerts.JsonFeedReading;

namespace WeatherCampaign.Core.Alerts;

/// <summary>
/// Reads the US National Weather Service API (<c>api.weather.gov/alerts…</c>): a GeoJSON <c>FeatureCollection</c> of alerts or a
/// single <c>Feature</c>, served as <c>application/geo+json</c>, <c>application/ld+json</c> or plain JSON.
/// </summary>
/// <remarks>
/// The id is <c>properties.id</c> (old <c>NWS-IDP-PROD-…</c> and new <c>urn:oid:…</c> forms), else the last segment of the
/// feature's <c>id</c> URL. Every list in <c>properties.geocode</c> (<c>UGC</c>, <c>SAME</c>, …) becomes geocodes; each of
/// <c>properties.references</c> gives its <c>identifier</c> (else its <c>@id</c>'s last segment). Unknown severity, urgency,
/// certainty, status or message type words become Unknown; <c>geometry</c>, <c>instruction</c>, <c>onset</c> and
/// <c>ends</c> may be null.
/// </remarks>
public sealed class NwsGeoJsonAlertParser : IAlertFormatParser
{
    public FeedFormat Format => FeedFormat.Nws;

    public bool CanRead(string? mediaType, ReadOnlySpan<byte> head) =>
        FeedSniffer.IsMediaType(mediaType, "application/geo+json", "application/ld+json")
        || (FeedSniffer.IsGenericMediaType(mediaType, json: true) && FeedSniffer.LooksLikeJsonObject(head) && FeedSniffer.LooksLikeGeoJson(head));

    public IReadOnlyList<WeatherAlert> Parse(ReadOnlyMemory<byte> content, string feedName) =>
        Read(content, feedName, root => ReadRoot(root, feedName));

    private static List<WeatherAlert> ReadRoot(JsonElement root, string feedName)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonShapeException("$", $"the document should be a GeoJSON object but is {Describe(root.ValueKind)}");
        }

        if (root.TryGetProperty("features", out var features))
        {
            if (features.ValueKind != JsonValueKind.Array)
            {
                throw new JsonShapeException("$.features", $"'features' should be a list but is {Describe(features.ValueKind)}");
            }

            var alerts = new List<WeatherAlert>(features.GetArrayLength());
            var index = 0;
            foreach (var feature in features.EnumerateArray())
            {
                alerts.Add(ReadFeature(feature, $"$.features[{index}]", feedName));
                index++;
            }

            return alerts;
        }

        var type = root.TryGetProperty("type", out var typeValue) && typeValue.ValueKind == JsonValueKind.String ? typeValue.GetString() : null;
        if (string.Equals(type, "Feature", StringComparison.Ordinal) || root.TryGetProperty("properties", out _))
        {
            return [ReadFeature(root, "$", feedName)];
        }

        throw new JsonShapeException("$", "the document is neither a FeatureCollection with 'features' nor a single alert Feature");
    }

    private static WeatherAlert ReadFeature(JsonElement feature, string path, string feedName)
    {
        if (feature.ValueKind != JsonValueKind.Object)
        {
            throw new JsonShapeException(path, $"a feature should be an object but is {Describe(feature.ValueKind)}");
        }

        if (!feature.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            throw new JsonShapeException(path, "the feature has no 'properties' object");
        }

        var propertiesPath = path + ".properties";
        var id = OptionalString(properties, "id", propertiesPath)
            ?? OptionalString(properties, "@id", propertiesPath)
            ?? OptionalString(feature, "id", path);
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new JsonShapeException(propertiesPath, "the alert has no 'id'");
        }

        return new WeatherAlert
        {
            Id = AlertIdentifiers.Normalize(id),
            Feed = feedName,
            Event = OptionalString(properties, "event", propertiesPath),
            Headline = OptionalString(properties, "headline", propertiesPath),
            AreaDescription = OptionalString(properties, "areaDesc", propertiesPath),
            Severity = CapValues.Severity(OptionalString(properties, "severity", propertiesPath)),
            Urgency = CapValues.Urgency(OptionalString(properties, "urgency", propertiesPath)),
            Certainty = CapValues.Certainty(OptionalString(properties, "certainty", propertiesPath)),
            Status = CapValues.Status(OptionalString(properties, "status", propertiesPath)),
            MessageType = CapValues.MessageType(OptionalString(properties, "messageType", propertiesPath)),
            Sent = OptionalTime(properties, "sent", propertiesPath),
            Effective = OptionalTime(properties, "effective", propertiesPath),
            Onset = OptionalTime(properties, "onset", propertiesPath),
            Expires = OptionalTime(properties, "expires", propertiesPath),
            Ends = OptionalTime(properties, "ends", propertiesPath),
            Geocodes = ReadGeocodes(properties, propertiesPath),
            References = ReadReferences(properties, propertiesPath),
        };
    }

    private static List<AlertGeocode> ReadGeocodes(JsonElement properties, string propertiesPath)
    {
        if (!properties.TryGetProperty("geocode", out var geocode) || geocode.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        var path = propertiesPath + ".geocode";
        if (geocode.ValueKind != JsonValueKind.Object)
        {
            throw new JsonShapeException(path, $"'geocode' should be an object but is {Describe(geocode.ValueKind)}");
        }

        var geocodes = new List<AlertGeocode>();
        foreach (var list in geocode.EnumerateObject())
        {
            foreach (var value in StringList(geocode, list.Name, path))
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    geocodes.Add(new AlertGeocode(list.Name, value.Trim()));
                }
            }
        }

        return geocodes;
    }

    private static List<string> ReadReferences(JsonElement properties, string propertiesPath)
    {
        var ids = new List<string>();
        var path = propertiesPath + ".references";
        var references = properties.TryGetProperty("references", out var listed) && listed.ValueKind != JsonValueKind.Null ? listed : default;
        if (references.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Array))
        {
            throw new JsonShapeException(path, $"'references' should be a list but is {Describe(references.ValueKind)}");
        }

        var index = 0;
        foreach (var reference in references.ValueKind == JsonValueKind.Array ? references.EnumerateArray().ToList() : [])
        {
            var itemPath = $"{path}[{index++}]";
            var id = reference.ValueKind switch
            {
                JsonValueKind.String => reference.GetString(),
                JsonValueKind.Object => OptionalString(reference, "identifier", itemPath)
                    ?? OptionalString(reference, "@id", itemPath)
                    ?? OptionalString(reference, "id", itemPath),
                JsonValueKind.Null => null,
                _ => throw new JsonShapeException(itemPath, $"a reference should be an object but is {Describe(reference.ValueKind)}"),
            };
            if (!string.IsNullOrWhiteSpace(id))
            {
                var normalized = AlertIdentifiers.Normalize(id);
                if (!ids.Contains(normalized, StringComparer.Ordinal))
                {
                    ids.Add(normalized);
                }
            }
        }

        // An Update's earlier messages that have expired are named in parameters.expiredReferences, as CAP triples: still its lineage.
        foreach (var expired in ExpiredReferences(properties, propertiesPath))
        {
            if (!ids.Contains(expired, StringComparer.Ordinal))
            {
                ids.Add(expired);
            }
        }

        return ids;
    }

    private static IEnumerable<string> ExpiredReferences(JsonElement properties, string propertiesPath)
    {
        if (!properties.TryGetProperty("parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Object
            || !parameters.TryGetProperty("expiredReferences", out var expired) || expired.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        var triples = expired.ValueKind == JsonValueKind.String
            ? [expired.GetString() ?? ""]
            : StringList(parameters, "expiredReferences", propertiesPath + ".parameters");
        return triples.SelectMany(AlertIdentifiers.FromCapReferences);
    }
}
