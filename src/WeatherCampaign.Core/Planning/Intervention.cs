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
public sealed record Intervention(
    string Id,
    string CycleId,
    string CampaignId,
    string CampaignName,
    InterventionAction Action,
    InterventionReason Reason,
    DateTimeOffset PlannedAt)
{
    /// <summary>For a resume, the rule that decided it and how (its <c>planned</c> audit row says so); null for a pause.</summary>
    public string? Why { get; init; }
}
