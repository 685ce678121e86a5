namespace WeatherCampaign.Core.Campaigns;

/// <summary>What happened when a status change was asked for.</summary>
public enum StatusChangeOutcome
{
    /// <summary>The platform made the change.</summary>
    Changed,
    /// <summary>Refused with 409, and the read-back shows the campaign already in the wanted status.</summary>
    AlreadyInStatus,
    /// <summary>Refused with 409, and the campaign is in a status we must not force (draft, completed, …).</summary>
    Conflict,
    /// <summary>The campaign no longer exists.</summary>
    Gone,
}

/// <param name="Current">The campaign as the platform last described it; null when it is gone.</param>
/// <param name="EarlierAttemptUnanswered">
/// The request was retried after an attempt that got no clear answer (a timeout, a dropped connection, a 5xx), so an
/// <see cref="StatusChangeOutcome.AlreadyInStatus"/> may be that attempt's own change rather than someone else's.
/// </param>
public sealed record StatusChange(StatusChangeOutcome Outcome, Campaign? Current, bool EarlierAttemptUnanswered = false);

/// <summary>
/// The one narrow seam to a dialing platform. The CXone outbound campaigns API (<see cref="CxoneCampaignClient"/>, served locally
/// by <c>tools/CxoneSimulator</c>) is the first implementation;
/// the real CXone skills API or Genesys Cloud would be others.
/// </summary>
public interface ICampaignPlatform
{
    /// <summary>Every campaign, all pages; throws <see cref="CampaignListingException"/> rather than answer with part of them.</summary>
    Task<CampaignListing> ListCampaignsAsync(CancellationToken cancellationToken = default);

    /// <summary>One campaign, or null when it does not exist.</summary>
    Task<Campaign?> GetCampaignAsync(string campaignId, CancellationToken cancellationToken = default);

    /// <summary>Asks for <paramref name="target"/> (Running or Paused); a 409 is read back and classified, never forced.</summary>
    Task<StatusChange> SetStatusAsync(string campaignId, CampaignStatus target, CancellationToken cancellationToken = default);
}
