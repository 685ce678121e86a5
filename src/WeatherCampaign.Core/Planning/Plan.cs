using WeatherCampaign.Core.Alerts;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Core.Planning;

/// <summary>What the planner reads: one cycle's alerts, the complete campaign listing (or why there is none), and the ledger.</summary>
public sealed record PlanningInput(
    string CycleId,
    AlertSnapshot Alerts,
    CampaignListing? Campaigns,
    IReadOnlyList<WeatherHold> Holds,
    string? CampaignsError = null);

public enum PlanVerdict
{
    /// <summary>The plan may be carried out.</summary>
    Planned,
    /// <summary>Rule 5: a feed or the listing failed; nothing is planned.</summary>
    NoData,
    /// <summary>Rule 6: the cycle would pause more than the allowed share of running campaigns; pauses wait for a person.</summary>
    HeldForApproval,
}

/// <summary>A ledger change that needs no campaign change (the cycle writes it directly).</summary>
public enum HoldChangeKind
{
    /// <summary>Still under counting alerts: the clear-for clock restarts.</summary>
    StillAffected,
    /// <summary>A person resumed a campaign the service held; the hold closes and its alerts will not pause it again.</summary>
    Overridden,
    /// <summary>The hold ends without a resume (the pause never happened; the campaign is gone, draft or completed).</summary>
    Ended,
}

/// <param name="Hold">The ledger row as it should be written (carrying the ETag it was read with).</param>
public sealed record HoldChange(HoldChangeKind Kind, WeatherHold Hold, string Detail);

public enum DecisionKind { Pause, Resume, None }

/// <summary>What the planner concluded about one campaign, and why, for the operator's table.</summary>
public sealed record CampaignDecision(Campaign Campaign, DecisionKind Kind, string Why, InterventionReason? Reason = null);

/// <summary>A listed campaign the planner would not consider, and why (its id is unsafe to put in a request path).</summary>
public sealed record RefusedCampaign(Campaign Campaign, string Reason);

/// <summary>The planner's answer for one cycle.</summary>
public sealed record Plan
{
    public required string CycleId { get; init; }
    public required DateTimeOffset PlannedAt { get; init; }
    public required PlanVerdict Verdict { get; init; }
    public string? Reason { get; init; }
    public IReadOnlyList<Intervention> Interventions { get; init; } = [];
    public IReadOnlyList<HoldChange> HoldChanges { get; init; } = [];
    public IReadOnlyList<CampaignDecision> Decisions { get; init; } = [];

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

    /// <summary>Pauses the blast-radius limit held back for a person to approve.</summary>
    public int PausesHeldBack { get; init; }

    public int Pauses => Interventions.Count(i => i.Action == InterventionAction.Pause);
    public int Resumes => Interventions.Count(i => i.Action == InterventionAction.Resume);
}
