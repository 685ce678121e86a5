using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using static WeatherCampaign.Core.Alerts.JsonFeedReading;

namespace WeatherCampaign.Core.Alerts;

/// <summary>
/// Reads the customer's own feed: <c>{"alerts":[{"regions":["US-NE", …], "id", "event", "severity", "expires", …}]}</c>.
/// </summary>
/// <remarks>
/// <para>Each region becomes a geocode named <c>REGION</c>, which the region catalog resolves like a campaign code.
/// <c>regions</c> may be one string or a list; <c>region</c> is accepted as a synonym. An alert with no region is malformed.</para>
/// <para>This feed lists only alerts meant to be acted on, so a missing <c>severity</c> means
/// <see cref="AlertSeverity.Severe"/> and a missing <c>status</c> means <see cref="AlertStatus.Actual"/>; a severity or status
/// that is present but unknown stays Unknown. A missing <c>id</c> is replaced by a hash of the alert's content
/// (<c>simple-…</c>), so the same alert has the same id in every cycle (<c>SimpleJsonAlertParserTests</c>).</para>
/// <para>Also read when present: <c>headline</c>, <c>areaDesc</c>, <c>urgency</c>, <c>certainty</c>, <c>messageType</c>
/// (or <c>msgType</c>), <c>sent</c>, <c>effective</c>, <c>onset</c>, <c>expires</c>, <c>ends</c>, <c>references</c> (ids).</para>
/// </remarks>
public sealed class SimpleJsonAlertParser : IAlertFormatParser
{
    public FeedFormat Format => FeedFormat.Simple;

    public bool CanRead(string? mediaType, ReadOnlySpan<byte> head) =>
        FeedSniffer.IsGenericMediaType(mediaType, json: true)
        && FeedSniffer.LooksLikeJsonObject(head)
        && FeedSniffer.ContainsJsonProperty(head, "alerts"u8)
        && !FeedSniffer.LooksLikeGeoJson(head);

    public IReadOnlyList<WeatherAlert> Parse(ReadOnlyMemory<byte> content, string feedName) =>
        Read(content, feedName, root => ReadRoot(root, feedName));

    private static List<WeatherAlert> ReadRoot(JsonElement root, string feedName)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonShapeException("$", $"the document should be an object with an 'alerts' list but is {Describe(root.ValueKind)}");
        }

        if (!root.TryGetProperty("alerts", out var alerts))
        {
            throw new JsonShapeException("$", "the document has no 'alerts' list");
        }

        if (alerts.ValueKind != JsonValueKind.Array)
        {
            throw new JsonShapeException("$.alerts", $"'alerts' should be a list but is {Describe(alerts.ValueKind)}");
        }

        var result = new List<WeatherAlert>(alerts.GetArrayLength());
        var index = 0;
        foreach (var item in alerts.EnumerateArray())
        {
            result.Add(ReadAlert(item, $"$.alerts[{index}]", feedName));
            index++;
        }

        return result;
    }

    private static WeatherAlert ReadAlert(JsonElement item, string path, string feedName)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new JsonShapeException(path, $"an alert should be an object but is {Describe(item.ValueKind)}");
        }

        var regions = StringList(item, "regions", path);
        if (regions.Count == 0)
        {
            regions = StringList(item, "region", path);
        }

        var geocodes = regions.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => new AlertGeocode("REGION", r.Trim())).ToList();
        if (geocodes.Count == 0)
        {
            throw new JsonShapeException(path, "the alert names no 'regions'");
        }

        var severityText = OptionalString(item, "severity", path);
        var statusText = OptionalString(item, "status", path);
        var messageTypeText = OptionalString(item, "messageType", path) ?? OptionalString(item, "msgType", path);
        var alert = new WeatherAlert
        {
            Id = "",
            Feed = feedName,
            Event = OptionalString(item, "event", path),
            Headline = OptionalString(item, "headline", path),
            AreaDescription = OptionalString(item, "areaDesc", path),
            Severity = severityText is null ? AlertSeverity.Severe : CapValues.Severity(severityText),
            Urgency = CapValues.Urgency(OptionalString(item, "urgency", path)),
            Certainty = CapValues.Certainty(OptionalString(item, "certainty", path)),
            Status = statusText is null ? AlertStatus.Actual : CapValues.Status(statusText),
            MessageType = messageTypeText is null ? AlertMessageType.Alert : CapValues.MessageType(messageTypeText),
            Sent = OptionalTime(item, "sent", path),
            Effective = OptionalTime(item, "effective", path),
            Onset = OptionalTime(item, "onset", path),
            Expires = OptionalTime(item, "expires", path),
            Ends = OptionalTime(item, "ends", path),
            Geocodes = geocodes,
            References = StringList(item, "references", path).Select(AlertIdentifiers.Normalize).Where(r => r.Length > 0).Distinct().ToList(),
        };

        var id = OptionalString(item, "id", path);
        return alert with { Id = string.IsNullOrWhiteSpace(id) ? ContentId(alert) : AlertIdentifiers.Normalize(id) };
    }

    /// <summary>A stable id from what the alert says (not from its formatting), so repeated cycles see one alert.</summary>
    private static string ContentId(WeatherAlert alert)
    {
        var text = new StringBuilder()
            .AppendJoin('\u001f', alert.Geocodes.Select(g => g.Value.ToUpperInvariant()).Order(StringComparer.Ordinal)).Append('\u001e')
            .Append(alert.Event).Append('\u001e')
            .Append(alert.Headline).Append('\u001e')
            .Append(alert.Severity).Append('\u001e')
            .Append(alert.Status).Append('\u001e')
            .Append(alert.MessageType).Append('\u001e')
            .Append(alert.Sent?.UtcTicks).Append('\u001e')
            .Append(alert.Effective?.UtcTicks).Append('\u001e')
            .Append(alert.Onset?.UtcTicks).Append('\u001e')
            .Append(alert.Expires?.UtcTicks).Append('\u001e')
            .Append(alert.Ends?.UtcTicks)
            .ToString();
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return "simple-" + Convert.ToHexStringLower(hash.AsSpan(0, 12));
    }
}
