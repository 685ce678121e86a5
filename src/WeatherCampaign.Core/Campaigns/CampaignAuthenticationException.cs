using System.Net;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>The token endpoint refused our client (401) or its scopes (403). Never carries the secret.</summary>
public sealed class CampaignAuthenticationException(string message, HttpStatusCode statusCode)
    : CampaignApiException(message, statusCode);
