namespace WeatherCampaign.Core.Interventions;

/// <summary>A queue message that is not a valid intervention; it is audited as <c>rejected</c> and never retried.</summary>
public sealed class InvalidInterventionMessageException(string reason, string? campaignId = null)
    : Exception($"Rejected intervention message: {reason}.")
{
    /// <summary>The campaign id the message named, if it named one (possibly unsafe: display it with <see cref="Campaigns.CampaignId.ForDisplay"/>).</summary>
    public string? CampaignId { get; } = campaignId;
}
