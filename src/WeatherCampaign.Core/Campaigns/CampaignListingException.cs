namespace WeatherCampaign.Core.Campaigns;

/// <summary>The listing could not be read completely; nothing may be decided on it.</summary>
public sealed class CampaignListingException(string message, Exception? inner = null)
    : CampaignApiException(message, isTransient: true, inner: inner);
