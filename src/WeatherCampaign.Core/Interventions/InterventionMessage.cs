using System.Text.Json;
using System.Text.Json.Serialization;
using WeatherCampaign.Core.Planning;
using WeatherCampaign.Core.Serialization;

namespace WeatherCampaign.Core.Interventions;

/// <summary>The reason block of a queue message.</summary>
/// <param name="MoreAlertIds">How many of the planner's alert ids the message leaves out to stay within <see cref="InterventionMessage.MaxListLength"/>.</param>
public sealed record InterventionMessageReason(
    IReadOnlyList<string>? AlertIds,
    IReadOnlyList<string>? Events,
    IReadOnlyList<string>? Regions,
    string? Severity,
    DateTimeOffset? Until,
    int? MoreAlertIds = null);

/// <summary>
/// One intervention on the wire (queue <c>interventions</c>): small, versioned JSON.
/// <c>{"v":1,"id","cycleId","campaignId","campaignName","action":"pause|resume","reason":{…},"plannedAt"}</c>.
/// </summary>
public sealed record InterventionMessage(
    [property: JsonPropertyName("v")] int Version,
    string Id,
    string? CycleId,
    string CampaignId,
    string? CampaignName,
    string Action,
    InterventionMessageReason? Reason,
    DateTimeOffset PlannedAt)
{
    public const int CurrentVersion = 1;
    public const int MaxLength = 48 * 1024;

    // Every field is bounded so that every audit column it fills (AuditTrail keeps 16 000 characters) is written whole.
    public const int MaxIdLength = 200;
    public const int MaxCycleIdLength = 64;
    public const int MaxCampaignNameLength = 512;
    public const int MaxSeverityLength = 32;

    /// <summary>Longest a list of the reason may be, its items joined with "; " as the audit writes them.</summary>
    public const int MaxListLength = 15_000;

    public const int MaxItemLength = 512;

    public InterventionAction ParsedAction => Action == "resume" ? InterventionAction.Resume : InterventionAction.Pause;

    /// <summary>
    /// The planner's intervention as a message within the bounds: a name is cut, and a campaign under more alerts than fit
    /// carries the first ones and how many it leaves out (hundreds of alerts at once over one campaign's regions).
    /// </summary>
    public static InterventionMessage From(Intervention intervention)
    {
        var reason = intervention.Reason;
        var alertIds = Fit(reason.AlertIds);
        return new(
            CurrentVersion,
            intervention.Id,
            intervention.CycleId,
            intervention.CampaignId,
            Cut(intervention.CampaignName, MaxCampaignNameLength),
            intervention.Action == InterventionAction.Pause ? "pause" : "resume",
            new InterventionMessageReason(alertIds, Fit(reason.Events), Fit(reason.Regions), Cut(reason.Severity, MaxSeverityLength), reason.Until,
                alertIds.Count < reason.AlertIds.Count ? reason.AlertIds.Count - alertIds.Count : null),
            intervention.PlannedAt);
    }

    public string ToJson() => JsonSerializer.Serialize(this, WeatherCampaignJson.Options);

    /// <summary>Reads and checks a message; anything we did not write gets an <see cref="InvalidInterventionMessageException"/> naming the problem.</summary>
    public static InterventionMessage Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidInterventionMessageException("the message is empty");
        }

        if (text.Length > MaxLength)
        {
            throw new InvalidInterventionMessageException($"the message is {text.Length} characters long (at most {MaxLength})");
        }

        InterventionMessage? message;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidInterventionMessageException("the message is not a JSON object");
            }

            if (!document.RootElement.TryGetProperty("v", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v))
            {
                throw new InvalidInterventionMessageException("the message has no version ('v')");
            }

            if (v != CurrentVersion)
            {
                throw new InvalidInterventionMessageException($"unknown message version {v} (this handler reads version {CurrentVersion})");
            }

            message = document.RootElement.Deserialize<InterventionMessage>(WeatherCampaignJson.Options);
        }
        catch (JsonException ex)
        {
            throw new InvalidInterventionMessageException($"the message is not valid JSON (line {ex.LineNumber}, position {ex.BytePositionInLine})");
        }
        if (message is null)
        {
            throw new InvalidInterventionMessageException("the message is null");
        }

        if (string.IsNullOrWhiteSpace(message.Id) || message.Id.Length > MaxIdLength)
        {
            throw new InvalidInterventionMessageException("the message has no usable id");
        }

        CheckLength("cycleId", message.CycleId, MaxCycleIdLength);
        CheckLength("campaignName", message.CampaignName, MaxCampaignNameLength);
        CheckLength("reason.severity", message.Reason?.Severity, MaxSeverityLength);
        CheckList("reason.alertIds", message.Reason?.AlertIds);
        CheckList("reason.events", message.Reason?.Events);
        CheckList("reason.regions", message.Reason?.Regions);
        if (message.Reason?.MoreAlertIds is < 0)
        {
            throw new InvalidInterventionMessageException("reason.moreAlertIds is negative");
        }

        if (message.Action is not ("pause" or "resume"))
        {
            throw new InvalidInterventionMessageException($"unknown action '{Campaigns.CampaignId.ForDisplay(message.Action)}' (expected pause or resume)");
        }

        if (!Campaigns.CampaignId.IsSafe(message.CampaignId, out var reason))
        {
            throw new InvalidInterventionMessageException($"unsafe campaign id: {reason}", message.CampaignId);
        }

        if (message.PlannedAt == default)
        {
            throw new InvalidInterventionMessageException("the message has no plannedAt");
        }

        return message;
    }

    private static void CheckLength(string field, string? value, int max)
    {
        if (value is { Length: var length } && length > max)
        {
            throw new InvalidInterventionMessageException($"{field} is {length} characters long (at most {max})");
        }
    }

    private static void CheckList(string field, IReadOnlyList<string>? items)
    {
        if (items is null)
        {
            return;
        }

        if (items.Any(i => i is null || i.Length > MaxItemLength))
        {
            throw new InvalidInterventionMessageException($"{field} has an empty item or one longer than {MaxItemLength} characters");
        }

        if (JoinedLength(items.Count, items.Sum(i => (long)i.Length)) > MaxListLength)
        {
            throw new InvalidInterventionMessageException($"{field} is longer than {MaxListLength} characters joined");
        }
    }

    /// <summary>The leading items that fit <see cref="MaxListLength"/> joined (an item too long to fit any list is cut).</summary>
    private static IReadOnlyList<string> Fit(IReadOnlyList<string> items)
    {
        var kept = new List<string>(items.Count);
        long length = 0;
        foreach (var item in items)
        {
            var bounded = Cut(item, MaxItemLength)!;
            if (JoinedLength(kept.Count + 1, length + bounded.Length) > MaxListLength)
            {
                break;
            }

            kept.Add(bounded);
            length += bounded.Length;
        }
        return kept;
    }

    private static long JoinedLength(int count, long characters) => characters + (2L * Math.Max(0, count - 1));

    private static string? Cut(string? value, int max) => value is { Length: var length } && length > max ? value[..(max - 1)] + "…" : value;
}
