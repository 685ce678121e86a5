using System.Net;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>The platform answered in a way we cannot carry on from: an error status, or a body that is not the campaign API's JSON.</summary>
public class CampaignApiException : Exception
{
    public CampaignApiException(string message, HttpStatusCode? statusCode = null, bool isTransient = false, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
        IsTransient = isTransient;
    }

    public HttpStatusCode? StatusCode { get; }

    /// <summary>True when trying the same work later may succeed (5xx, 429, timeouts, an open circuit).</summary>
    public bool IsTransient { get; }
}
