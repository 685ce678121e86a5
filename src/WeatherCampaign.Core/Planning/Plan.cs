using WeatherCampaign.Core.Alerts;

namespace WeatherCampaign.Core.Planning;

public enum PlanVerdict
{
    /// <summary>The plan may be carried out.</summary>
    Planned,

    /// <summary>Rule 5: a feed or the listing failed; nothing is planned.</summary>
    NoData,

    /// <summary>Rule 6: the cycle would pause more than the allowed share of running campaigns; pauses wait for a person.</summary>
    HeldForApproval,
}

/// <summary>
/// The planner's answer for one cycle. A plan over <c>Policy:MaxPauseShare</c> keeps its pauses but holds them back:
/// <see cref="Interventions"/> leaves them out until <see cref="Approve"/> lets them through.
/// </summary>
public sealed record Plan
{
    private readonly IReadOnlyList<Intervention> _interventions = [];
    private readonly IReadOnlyList<CampaignDecision> _decisions = [];
    private readonly string? _reason;

    public required string CycleId { get; init; }
    public required DateTimeOffset PlannedAt { get; init; }

    /// <summary>False under rule 5: a feed or the listing failed, and the plan holds nothing.</summary>
    public bool HasData { get; init; }

    public PlanVerdict Verdict =>
        !HasData ? PlanVerdict.NoData
        : ApprovalNeeded is not null && ApprovedBy is null ? PlanVerdict.HeldForApproval
        : PlanVerdict.Planned;

    /// <summary>Why the cycle planned nothing, why nothing is resumed, or why its pauses wait for approval.</summary>
    public string? Reason
    {
        get => Verdict == PlanVerdict.HeldForApproval ? ApprovalNeeded : _reason;
        init => _reason = value;
    }

    /// <summary>Rule 6: why the pauses wait for a person; null when the cycle is within <c>Policy:MaxPauseShare</c>.</summary>
    public string? ApprovalNeeded { get; init; }

    /// <summary>Who let a plan over <c>Policy:MaxPauseShare</c> through; null while it is held (or needed no approval).</summary>
    public string? ApprovedBy { get; init; }

    /// <summary>What goes to the queue: every intervention planned, less the pauses held for approval.</summary>
    public IReadOnlyList<Intervention> Interventions
    {
        get => Verdict == PlanVerdict.HeldForApproval ? [.. _interventions.Where(i => i.Action != InterventionAction.Pause)] : _interventions;
        init => _interventions = value;
    }

    /// <summary>One per listed campaign with a safe id; a pause held for approval reads as none, saying so.</summary>
    public IReadOnlyList<CampaignDecision> Decisions
    {
        get => Verdict == PlanVerdict.HeldForApproval ? [.. _decisions.Select(HeldBack)] : _decisions;
        init => _decisions = value;
    }

    /// <summary>The ledger changes the cycle writes itself, without changing a campaign.</summary>
    public IReadOnlyList<HoldChange> HoldChanges { get; init; } = [];

    /// <summary>Listed campaigns refused outright (unsafe ids); the cycle audits each as rejected.</summary>
    public IReadOnlyList<RefusedCampaign> Refused { get; init; } = [];
    public IReadOnlyList<FeedOutcome> Feeds { get; init; } = [];
    public int AlertsRead { get; init; }
    public int AlertsCounting { get; init; }
    public int CampaignsListed { get; init; }
    public int CampaignsRunning { get; init; }
    public int CampaignsAffected { get; init; }

    /// <summary>False when a feed failed: pauses from the healthy feeds still go, but nothing is resumed (fail safe).</summary>
    public bool ResumesAllowed { get; init; }

    /// <summary>Resumes that wait for a later cycle under <c>Policy:MaxResumesPerCycle</c> or <c>Policy:MaxResumesPerRegionPerCycle</c>.</summary>
    public int ResumesStaged { get; init; }

    /// <summary>The decisions that carry a warning for the audit trail (a campaign's unknown time zone).</summary>
    public IEnumerable<CampaignDecision> Warnings => _decisions.Where(d => d.Warning is not null);

    /// <summary>Pauses the blast-radius limit holds back for a person to approve.</summary>
    public int PausesHeldBack => Verdict == PlanVerdict.HeldForApproval ? _interventions.Count(i => i.Action == InterventionAction.Pause) : 0;

    public int Pauses => Interventions.Count(i => i.Action == InterventionAction.Pause);
    public int Resumes => Interventions.Count(i => i.Action == InterventionAction.Resume);

    /// <summary>Lets the held-back pauses through, recording who approved them; a plan that is not held is returned as it is.</summary>
    public Plan Approve(string approvedBy) =>
        Verdict == PlanVerdict.HeldForApproval ? this with { ApprovedBy = approvedBy } : this;

    private static CampaignDecision HeldBack(CampaignDecision decision) =>
        decision.Kind == DecisionKind.Pause ? decision with { Kind = DecisionKind.None, Why = "held for approval: " + decision.Why } : decision;
}
