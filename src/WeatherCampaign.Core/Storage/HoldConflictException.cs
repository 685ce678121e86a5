namespace WeatherCampaign.Core.Storage;

/// <summary>Someone else changed the hold since it was read (ETag mismatch, or it was created meanwhile).</summary>
public sealed class HoldConflictException(string campaignId, Exception inner)
    : Exception($"The hold of campaign {Campaigns.CampaignId.ForDisplay(campaignId)} changed since it was read.", inner);
