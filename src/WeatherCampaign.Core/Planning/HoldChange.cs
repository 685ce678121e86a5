using WeatherCampaign.Core.Holds;

namespace WeatherCampaign.Core.Planning;

/// <summary>A ledger change that needs no campaign change (the cycle writes it directly).</summary>
public enum HoldChangeKind
{
    /// <summary>Still under counting alerts: the clear-for clock restarts.</summary>
    StillAffected,

    /// <summary>A person resumed a campaign the service held; the hold closes and its alerts will not pause it again.</summary>
    Overridden,

    /// <summary>The hold ends without a resume (the pause never happened; the campaign is gone, draft or completed).</summary>
    Ended,

    /// <summary>A re-issue of an alert a person resumed the campaign under joined the override: it does not pause the campaign either.</summary>
    Reissued,

    /// <summary>Clear, but a resume rule keeps it paused until a later time: written (and audited) only when the rule or the time changes.</summary>
    ResumeHeldBack,
}

/// <param name="Hold">The ledger row as it should be written (carrying the version it was read with).</param>
/// <param name="Reissues">Rule 7: the re-issues of the hold's alerts this change takes into its lineage, one audit row each ("re-issue of …").</param>
public sealed record HoldChange(HoldChangeKind Kind, WeatherHold Hold, IReadOnlyList<string>? Reissues = null);
