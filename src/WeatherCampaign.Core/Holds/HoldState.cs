namespace WeatherCampaign.Core.Holds;

/// <summary>Where a campaign stands in the ledger of what the service paused.</summary>
public enum HoldState
{
    /// <summary>The service is about to pause it (written before the status change, so no change is ever untracked).</summary>
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
