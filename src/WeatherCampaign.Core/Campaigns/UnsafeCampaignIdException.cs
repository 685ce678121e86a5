namespace WeatherCampaign.Core.Campaigns;

/// <summary>A campaign id that could change the request path; refused before any request is made.</summary>
public sealed class UnsafeCampaignIdException(string reason)
    : ArgumentException($"Unsafe campaign id refused: {reason}.");
