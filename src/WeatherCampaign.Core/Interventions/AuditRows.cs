using WeatherCampaign.Core.Planning;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Core.Interventions;

/// <summary>Builds the audit rows of interventions, so the planner's, the handler's and the poison recorder's rows read alike.</summary>
public static class AuditRows
{
    /// <summary>A row about one message; keyed by the message's id and outcome, so a retried write replaces rather than repeats.</summary>
    public static AuditRecord ForMessage(InterventionMessage message, AuditOutcome outcome, DateTimeOffset now, long? attempt, string? campaignStatus, string? detail) => new()
    {
        OccurredAt = now,
        SortTime = message.PlannedAt,
        Outcome = outcome,
        Discriminator = $"{message.Id}_{outcome.ToWire()}",
        Action = message.Action,
        CampaignId = message.CampaignId,
        CampaignName = message.CampaignName,
        CampaignStatus = campaignStatus,
        Events = Join(message.Reason?.Events),
        Regions = Join(message.Reason?.Regions),
        Severity = message.Reason?.Severity,
        AlertIds = Join(message.Reason?.AlertIds),
        Detail = detail,
        CycleId = message.CycleId,
        MessageId = message.Id,
        Attempt = attempt,
    };

    /// <summary>The <c>planned</c> row the cycle writes for each intervention it decides on.</summary>
    public static AuditRecord Planned(Intervention intervention, bool dryRun, string? detail) =>
        ForMessage(InterventionMessage.From(intervention), AuditOutcome.Planned, intervention.PlannedAt, null, null, detail) with { DryRun = dryRun };

    public static string? Join(IEnumerable<string>? values) => values is null ? null : string.Join("; ", values);
}
