using Azure;

namespace WeatherCampaign.Core.Storage;

/// <summary>Where a campaign stands in the ledger of what the service paused.</summary>
public enum HoldState
{
    /// <summary>The service is about to pause it (written before the PATCH, so no change is ever untracked).</summary>
    Pausing,
    /// <summary>The service paused it and will resume it when the weather clears.</summary>
    Held,
    /// <summary>The service resumed it; the hold is over.</summary>
    Released,
    /// <summary>A person resumed it while the service held it; the alerts of that time will not pause it again.</summary>
    Overridden,
    /// <summary>The hold ended without a resume: the pause never happened, or the campaign was deleted, drafted or completed.</summary>
    Ended,
}

/// <summary>One row of the <c>weatherholds</c> ledger: a campaign the service paused (or is pausing), and why.</summary>
public sealed record WeatherHold
{
    public required string CampaignId { get; init; }
    public string CampaignName { get; init; } = "";
    public required HoldState State { get; init; }
    public IReadOnlyList<string> AlertIds { get; init; } = [];
    public IReadOnlyList<string> Events { get; init; } = [];
    public IReadOnlyList<string> Regions { get; init; } = [];
    public string? Severity { get; init; }
    public DateTimeOffset? PausedAt { get; init; }
    public DateTimeOffset? LastAffectedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Alerts that may no longer pause this campaign, because a person resumed it under them.</summary>
    public IReadOnlyList<string> SuppressedAlertIds { get; init; } = [];

    /// <summary>The intervention message that last changed this hold.</summary>
    public string? MessageId { get; init; }

    /// <summary>Set by an operator (<c>holds add</c>): the campaign is not resumed automatically until released.</summary>
    public string? ManualHoldReason { get; init; }

    public string? Note { get; init; }

    public ETag ETag { get; init; }

    /// <summary>True while the service is pausing or holding the campaign.</summary>
    public bool IsActive => State is HoldState.Pausing or HoldState.Held;
}
