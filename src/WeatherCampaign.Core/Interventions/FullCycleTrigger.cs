using NCrontab;
using WeatherCampaign.Core.Alerts;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Planning;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Core.Interventions;

/// <summary>Why a feed poll goes on to a full cycle (one that lists every campaign and plans).</summary>
public enum FullCycleReason
{
    /// <summary>No earlier full cycle is remembered (a fresh account, or a clock that went back): safe first.</summary>
    NoEarlierCycle,

    /// <summary>The alert set differs from the one the last full cycle planned from.</summary>
    AlertsChanged,

    /// <summary>The same alerts, but one of them entered <c>Policy:LookAhead</c> or ended since the last full cycle.</summary>
    AlertStartedOrEnded,

    /// <summary>A held campaign's <c>Policy:ClearFor</c> may have elapsed (or its manual hold was released) since the last full cycle.</summary>
    ClearForElapsed,

    /// <summary><c>PollSchedule</c> came round: a full cycle at least this often, whatever the feeds say.</summary>
    Scheduled,
}

/// <summary>
/// Decides, from what a feed poll read, whether the planner could decide anything new: only then are campaigns listed. Pure
/// (time passed in), like the planner. A moment counts once, in the first poll after it: a resume that could not go (a feed
/// down) waits for <c>PollSchedule</c> rather than listing every 30 s.
/// </summary>
public static class FullCycleTrigger
{
    /// <summary>How far a remembered full cycle may lie ahead of this clock before it is treated as not remembered.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <returns>Why a full cycle is due; null when the poll may end after the feeds.</returns>
    public static FullCycleReason? Why(
        PollState? state, string fingerprint, AlertSnapshot snapshot, IReadOnlyList<WeatherHold> holds, PolicyOptions policy, CrontabSchedule fullCycles, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(holds);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(fullCycles);
        if (state is null || state.LastFullCycleAt > now + ClockSkew)
        {
            return FullCycleReason.NoEarlierCycle;
        }

        if (!string.Equals(state.AlertFingerprint, fingerprint, StringComparison.Ordinal))
        {
            return FullCycleReason.AlertsChanged;
        }

        var since = state.LastFullCycleAt;
        if (fullCycles.GetNextOccurrence(since.UtcDateTime) <= now.UtcDateTime)
        {
            return FullCycleReason.Scheduled;
        }

        if (snapshot.Alerts.Any(a => Passed((a.Onset ?? a.Effective) - policy.LookAhead, since, now) || Passed(a.InForceUntil, since, now)))
        {
            return FullCycleReason.AlertStartedOrEnded;
        }

        if (holds.Any(h => h.State == HoldState.Held && h.ManualHoldReason is null && Passed(Later(h.ClearSince + policy.ClearFor, h.UpdatedAt), since, now)))
        {
            return FullCycleReason.ClearForElapsed;
        }

        return null;
    }

    /// <summary>Whether <paramref name="moment"/> fell after the last full cycle began and is no later than now.</summary>
    private static bool Passed(DateTimeOffset? moment, DateTimeOffset since, DateTimeOffset now) => moment > since && moment <= now;

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
