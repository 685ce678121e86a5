using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace WeatherCampaign.Core.Alerts;

/// <summary>
/// Reads one page of FEMA's <c>DisasterDeclarationsSummaries</c> (v2) as its data dictionary describes it. A page that is not
/// that shape fails the feed (<see cref="AlertFeedFormatException"/>); a record that cannot be placed (a missing or invalid
/// FIPS code, a date that is not one, no declaration string) is skipped with its reason, never guessed at.
/// </summary>
public static class OpenFemaPageParser
{
    /// <summary>The entity set's name: the property holding the records, and the last segment of its URL.</summary>
    public const string EntityName = "DisasterDeclarationsSummaries";

    public const string MissingOrInvalidFips = "missing or invalid FIPS code";

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true };

    public static OpenFemaPage Parse(ReadOnlyMemory<byte> content, string feedName)
    {
        ArgumentNullException.ThrowIfNull(feedName);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(JsonFeedReading.SkipBom(content), DocumentOptions);
        }
        catch (JsonException error)
        {
            var position = error.LineNumber is { } line ? $"line {line + 1}, byte {error.BytePositionInLine + 1 ?? 1}" : null;
            throw new AlertFeedFormatException(feedName, "the OpenFEMA page is not well-formed JSON.", position, error);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new AlertFeedFormatException(feedName, $"the OpenFEMA page should be an object but is {JsonFeedReading.Describe(root.ValueKind)}.");
            }

            if (!root.TryGetProperty(EntityName, out var records) || records.ValueKind != JsonValueKind.Array)
            {
                throw new AlertFeedFormatException(feedName, $"the OpenFEMA page has no '{EntityName}' list.");
            }

            var declarations = new List<DisasterDeclaration>(records.GetArrayLength());
            var skipped = new List<SkippedDeclaration>();
            foreach (var record in records.EnumerateArray())
            {
                var key = KeyOf(record);
                if (WhyUnreadable(record) is { } reason)
                {
                    skipped.Add(new SkippedDeclaration(key, reason));
                }
                else
                {
                    declarations.Add(Read(record, key));
                }
            }

            return new OpenFemaPage(CountOf(root), declarations, skipped);
        }
    }

    /// <summary><c>metadata.count</c>, or null when the page has none (OpenFEMA writes 0 when no count was asked for).</summary>
    private static long? CountOf(JsonElement root) =>
        root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
        && metadata.TryGetProperty("count", out var count) && count.ValueKind == JsonValueKind.Number && count.TryGetInt64(out var value)
            ? value
            : null;

    private static string KeyOf(JsonElement record) =>
        Text(record, "id") is { Length: > 0 } id
            ? id
            // A record without FEMA's id is keyed by its content, so the same record has the same key in every read.
            : "content-" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(record.GetRawText())), 0, 12);

    private static string? WhyUnreadable(JsonElement record)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            return $"a record that is {JsonFeedReading.Describe(record.ValueKind)}, not an object";
        }

        if (Text(record, "femaDeclarationString") is not { Length: > 0 })
        {
            return "no femaDeclarationString";
        }

        if (Area(record) is null)
        {
            return MissingOrInvalidFips;
        }

        foreach (var field in new[] { "incidentBeginDate", "incidentEndDate", "declarationDate", "lastRefresh" })
        {
            if (!TryTime(record, field, out _))
            {
                return $"{field} is not a date";
            }
        }

        return null;
    }

    private static DisasterDeclaration Read(JsonElement record, string key)
    {
        var declarationString = Text(record, "femaDeclarationString")!.Trim();
        var type = Text(record, "declarationType")?.Trim() is { Length: > 0 } given
            ? given.ToUpperInvariant()
            : declarationString.Split('-')[0].ToUpperInvariant();
        return new DisasterDeclaration(
            key,
            declarationString,
            type,
            Text(record, "incidentType")?.Trim(),
            Text(record, "declarationTitle")?.Trim(),
            Area(record)!,
            Text(record, "designatedArea")?.Trim(),
            Time(record, "incidentBeginDate"),
            Time(record, "incidentEndDate"),
            Time(record, "declarationDate"),
            Time(record, "lastRefresh"));
    }

    /// <summary>
    /// <c>fipsStateCode</c> + <c>fipsCountyCode</c> as the SAME geocode <c>0SSCCC</c>. County <c>000</c> is FEMA's and SAME's
    /// "the whole state", which the region catalog widens to the state's key. The dictionary types the state code as a number,
    /// the API sends a string: both are read, and a one-digit state is padded (<c>6</c> → <c>06</c>).
    /// </summary>
    private static AlertGeocode? Area(JsonElement record)
    {
        var state = Digits(record, "fipsStateCode", 2);
        var county = Digits(record, "fipsCountyCode", 3);
        return state is null or "00" || county is null ? null : new AlertGeocode("SAME", "0" + state + county);
    }

    private static string? Digits(JsonElement record, string property, int width)
    {
        if (!record.TryGetProperty(property, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!.Trim(),
            JsonValueKind.Number when value.TryGetInt32(out var number) && number >= 0 => number.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
        if (text is null || text.Length == 0 || text.Length > width || !text.All(char.IsAsciiDigit))
        {
            return null;
        }

        return text.PadLeft(width, '0');
    }

    private static string? Text(JsonElement record, string property) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static bool TryTime(JsonElement record, string property, out DateTimeOffset? time)
    {
        time = null;
        if (!record.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        return value.ValueKind == JsonValueKind.String && CapValues.TryParseTime(value.GetString(), out time);
    }

    private static DateTimeOffset? Time(JsonElement record, string property) => TryTime(record, property, out var time) ? time : null;
}
