using WeatherCampaign.Core.Planning;

namespace WeatherCampaign.Core.Interventions;

/// <summary>How much one cycle may do, from most to least.</summary>
public enum CycleMode
{
    /// <summary>Plan, write the ledger changes and audit rows, and enqueue the interventions.</summary>
    Enforce,

    /// <summary>Plan and audit, but change nothing and enqueue nothing (<c>Policy:Mode=DryRun</c>, <c>run --dry-run</c>).</summary>
    DryRun,

    /// <summary>Only plan: write no ledger change and no audit row, enqueue nothing (<c>plan</c>).</summary>
    Preview,
}

/// <summary>How one cycle is run: the settings, unless an operator asks for more caution or approves a large cycle.</summary>
/// <param name="Mode">The most this run may do; the cycle takes the more cautious of this and <c>Policy:Mode</c>.</param>
/// <param name="ApproveLargeCycle">Let a cycle over <c>Policy:MaxPauseShare</c> through.</param>
public sealed record CycleRequest(CycleMode Mode = CycleMode.Enforce, bool ApproveLargeCycle = false)
{
    /// <summary>Evaluate the alerts as at this time (replaying a recorded feed); only a preview does.</summary>
    public DateTimeOffset? AsOf { get; private init; }

    /// <summary>Who approves a large cycle, for its <c>approved</c> audit row (the status page names the signed-in person).</summary>
    public string? ApprovedBy { get; init; }

    /// <summary>A plan that changes and writes nothing, optionally of the alerts as they stood at <paramref name="asOf"/>.</summary>
    public static CycleRequest Preview(DateTimeOffset? asOf = null) => new(CycleMode.Preview) { AsOf = asOf };
}

/// <summary>What one cycle decided and what it hands to the queue.</summary>
public sealed record CycleResult(Plan Plan, IReadOnlyList<string> Messages, CycleMode Mode)
{
    /// <summary>True when the cycle changed nothing (a dry run or a preview).</summary>
    public bool DryRun => Mode != CycleMode.Enforce;
}

/// <summary>What one feed poll did: the full cycle it ran and why, or nothing beyond the feeds (both null).</summary>
public sealed record PollResult(FullCycleReason? Reason, CycleResult? Cycle)
{
    /// <summary>The messages to enqueue; none after a poll that ended at the feeds.</summary>
    public IReadOnlyList<string> Messages => Cycle?.Messages ?? [];
}
