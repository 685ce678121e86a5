namespace WeatherCampaign.Core.Storage;

/// <summary>What an audit row records. The wire names (<see cref="AuditOutcomes.ToWire"/>) are what a person filters on.</summary>
public enum AuditOutcome
{
    Planned,
    Paused,
    Resumed,
    Skipped,
    Conflict,
    Gone,
    Failed,
    Rejected,
    Cycle,
    HeldForApproval,
    Approved,
    Overridden,
    Released,
    ManualHold,
    ManualRelease,

    /// <summary>The kill switch stopped the message; it waits in <c>interventions-halted</c>.</summary>
    Halted,

    /// <summary>The message was planned longer ago than <c>Policy:MaxMessageAge</c>: never applied.</summary>
    Stale,

    /// <summary>An operator turned the kill switch on (<c>weathercampaign halt</c>).</summary>
    ServiceHalted,

    /// <summary>An operator turned the kill switch off, or replayed the halted messages (<c>weathercampaign resume-service</c>).</summary>
    ServiceResumed,

    /// <summary>A re-issue of an alert joined a hold's lineage: the hold, or a person's override, stands through it.</summary>
    Reissue,

    /// <summary>A clear hold's resume is held back by a resume rule (one row per campaign each time the rule or its time changes).</summary>
    ResumeHeld,

    /// <summary>Something was decided on a fallback an officer should know of (a campaign's unknown time zone).</summary>
    Warning,

    /// <summary>A delivery failed and the message goes back to the queue (or, on the last allowed one, to the poison queue): one row per attempt.</summary>
    Retrying,
}

/// <summary>
/// One row of the audit trail: one event (an intervention's outcome, a cycle's summary, an operator's action).
/// Plain, readable columns; never a token or a secret.
/// </summary>
public sealed record AuditRecord
{
    public required DateTimeOffset OccurredAt { get; init; }
    public required AuditOutcome Outcome { get; init; }

    /// <summary>What makes the row unique among rows of the same moment; rows with the same key overwrite each other, which makes retried writes idempotent.</summary>
    public required string Discriminator { get; init; }

    /// <summary>The moment the row sorts by; defaults to <see cref="OccurredAt"/>. An intervention's rows use its planned time so a retried write lands on the same row.</summary>
    public DateTimeOffset? SortTime { get; init; }

    public string? Action { get; init; }
    public string? CampaignId { get; init; }
    public string? CampaignName { get; init; }
    public string? CampaignStatus { get; init; }
    public string? Events { get; init; }
    public string? Regions { get; init; }
    public string? Severity { get; init; }
    public string? AlertIds { get; init; }
    public string? Detail { get; init; }
    public string? CycleId { get; init; }
    public string? MessageId { get; init; }
    public long? Attempt { get; init; }
    public bool DryRun { get; init; }

    /// <summary>On a <c>planned</c> row: the outcome the message was applied with, once it was; a later delivery of it is a replay.</summary>
    public string? AppliedAs { get; init; }

    public DateTimeOffset? AppliedAt { get; init; }

    public string PartitionKey => TableKeys.Day(SortTime ?? OccurredAt);
    public string RowKey => TableKeys.NewestFirst(SortTime ?? OccurredAt) + "_" + TableKeys.Escape(Discriminator);
}
