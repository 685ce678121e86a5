using System.Text.Json;
using System.Text.Json.Serialization;
using WeatherCampaign.Core.Planning;
using WeatherCampaign.Core.Serialization;

namespace WeatherCampaign.Core.Interventions;

/// <summary>The reason block of a queue message.</summary>
public sealed record InterventionMessageReason(
    IReadOnlyList<string>? AlertIds,
    IReadOnlyList<string>? Events,
    IReadOnlyList<string>? Regions,
    string? Severity,
    DateTimeOffset? Until);

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

    public InterventionAction ParsedAction => Action == "resume" ? InterventionAction.Resume : InterventionAction.Pause;

    public static InterventionMessage From(Intervention intervention) => new(
        CurrentVersion,
        intervention.Id,
        intervention.CycleId,
        intervention.CampaignId,
        intervention.CampaignName,
        intervention.Action == InterventionAction.Pause ? "pause" : "resume",
        new InterventionMessageReason(intervention.Reason.AlertIds, intervention.Reason.Events, intervention.Reason.Regions, intervention.Reason.Severity, intervention.Reason.Until),
        intervention.PlannedAt);

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

        if (string.IsNullOrWhiteSpace(message.Id) || message.Id.Length > 200)
        {
            throw new InvalidInterventionMessageException("the message has no usable id");
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
}
