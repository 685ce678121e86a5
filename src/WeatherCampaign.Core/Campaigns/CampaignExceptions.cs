using System.Net;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>The platform answered in a way the contract does not allow us to carry on from.</summary>
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

/// <summary>The listing could not be read completely; nothing may be decided on it.</summary>
public sealed class CampaignListingException(string message, Exception? inner = null)
    : CampaignApiException(message, isTransient: true, inner: inner);

/// <summary>The token endpoint refused our client (401) or its scopes (403). Never carries the secret.</summary>
public sealed class CampaignAuthenticationException(string message, HttpStatusCode statusCode)
    : CampaignApiException(message, statusCode);

/// <summary>A campaign id that could change the request path; refused before any request is made.</summary>
public sealed class UnsafeCampaignIdException(string reason)
    : ArgumentException($"Unsafe campaign id refused: {reason}.");
