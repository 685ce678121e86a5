using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;
using WeatherCampaign.Core.Serialization;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>The few things every call to a campaign platform does the same way, whichever platform it is.</summary>
public static class CampaignHttp
{
    /// <summary>Marks a request that must go without a bearer token (a token or discovery request).</summary>
    public static readonly HttpRequestOptionsKey<bool> Anonymous = new("WeatherCampaign.Campaigns.Anonymous");

    /// <summary>Set on a request retried after an attempt that got no clear answer (timeout, connection failure, 5xx): that attempt may have taken effect.</summary>
    public static readonly HttpRequestOptionsKey<bool> EarlierAttemptUnanswered = new("WeatherCampaign.Campaigns.EarlierAttemptUnanswered");

    /// <summary>Whether <paramref name="request"/> was retried after an attempt that may have taken effect.</summary>
    public static bool WasRetriedUnanswered(HttpRequestMessage request) =>
        request.Options.TryGetValue(EarlierAttemptUnanswered, out var flagged) && flagged;

    /// <summary>Sends through the named client's pipeline; transport failures become transient <see cref="CampaignApiException"/>s.</summary>
    /// <summary>The largest answer read from a campaign platform; a listing page of 500 campaigns is a few hundred KiB.</summary>
    public const int MaxResponseBytes = 16 * 1024 * 1024;

    public static async Task<HttpResponseMessage> SendAsync(
        IHttpClientFactory factory, string clientName, HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        var client = factory.CreateClient(clientName);
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            // Retrying cannot make the answer smaller: a permanent failure, named.
            throw new CampaignApiException($"The {what} failed: the answer is larger than {MaxResponseBytes / (1024 * 1024)} MiB, the most a campaign API answer may be.", isTransient: false, inner: ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or TaskCanceledException)
        {
            var reason = ex switch
            {
                BrokenCircuitException => "the circuit is open after repeated failures",
                TimeoutRejectedException or TaskCanceledException => "it timed out",
                _ => "the connection failed",
            };
            throw new CampaignApiException($"The {what} failed: {reason}.", isTransient: true, inner: ex);
        }
    }

    /// <summary>Throws a <see cref="CampaignApiException"/> for a non-success answer, transient for 408, 429 and 5xx.</summary>
    public static Task EnsureSuccessAsync(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode)
        {
            return Task.CompletedTask;
        }

        var code = (int)response.StatusCode;
        var transient = code is 408 or 429 || code >= 500;
        throw new CampaignApiException($"The {what} answered {code} {(response.ReasonPhrase is { } phrase ? CampaignId.ForDisplay(phrase) : "")}.", response.StatusCode, transient);
    }

    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        try
        {
            var value = await response.Content.ReadFromJsonAsync<T>(WeatherCampaignJson.Options, cancellationToken).ConfigureAwait(false);
            return value ?? throw new CampaignApiException($"The {what} was empty.", response.StatusCode);
        }
        catch (JsonException ex)
        {
            throw new CampaignApiException($"The {what} is not the JSON the campaign API answers with (at {ex.Path ?? "$"}, line {ex.LineNumber}).", response.StatusCode, inner: ex);
        }
    }

    public static bool IsNotFound(HttpResponseMessage response) => response.StatusCode == HttpStatusCode.NotFound;
}
