namespace WeatherCampaign.Core.Planning;

public enum InterventionAction { Pause, Resume }

/// <summary>Why an intervention was planned: the alerts behind it and where they matched.</summary>
public sealed record InterventionReason(
    IReadOnlyList<string> AlertIds,
    IReadOnlyList<string> Events,
    IReadOnlyList<string> Regions,
    string? Severity,
    DateTimeOffset? Until)
{
    /// <summary>Per event, the latest end its alerts announce (the hold keeps it for <c>Policy:HoldAfter</c>).</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> EventEnds { get; init; } = new Dictionary<string, DateTimeOffset>();
}

/// <summary>One status change the planner asks for; it travels as one queue message.</summary>
/// <param name="Why">The planner's words for people (rule 7 names re-issues in them); the <c>planned</c> audit row keeps them.</param>
public sealed record Intervention(
    string Id,
    string CycleId,
    string CampaignId,
    string CampaignName,
    InterventionAction Action,
    InterventionReason Reason,
    DateTimeOffset PlannedAt,
    string? Why = null);
