using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Campaigns;

namespace WeatherCampaign.Core.Platforms.GenesysCloud;

/// <summary>
/// The org's client-credentials token (<c>POST {login}/oauth/token</c>, Basic client authentication): requested once, shared by
/// every caller, refreshed ahead of expiry, replaced once when a call says it was revoked. Only the API host gets it.
/// </summary>
public sealed partial class GenesysTokenProvider(
    IHttpClientFactory httpClientFactory,
    IGenesysCredentialSource credentials,
    IOptions<GenesysCloudOptions> options,
    TimeProvider timeProvider,
    ILogger<GenesysTokenProvider> logger) : ICampaignTokenSource
{
    private readonly TokenCache _tokens = new(timeProvider);

    /// <summary>A token for a request under the API host (<see cref="GenesysCloudOptions.ApiUri"/>); any other target is refused.</summary>
    public ValueTask<string> GetTokenAsync(Uri target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var api = options.Value.ApiUri;
        return api.IsBaseOf(target)
            ? GetTokenAsync(cancellationToken)
            : throw new CampaignApiException($"A request to {target.GetLeftPart(UriPartial.Authority)} would carry the Genesys Cloud token; only {api} may.");
    }

    private ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) =>
        _tokens.GetAsync(RequestTokenAsync, cancellationToken);

    public async Task PrepareAsync(CancellationToken cancellationToken) => await GetTokenAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Forgets <paramref name="rejected"/> if it is still the cached token, so that many callers rejected at once cause one refresh.</summary>
    public void Invalidate(string rejected) => _tokens.Invalidate(rejected);

    private async Task<IssuedToken> RequestTokenAsync(CancellationToken cancellationToken)
    {
        var creds = await credentials.GetAsync(refresh: false, cancellationToken).ConfigureAwait(false);
        using var first = await PostAsync(creds, cancellationToken).ConfigureAwait(false);
        if (first.StatusCode == HttpStatusCode.Unauthorized)
        {
            // The secret may have been rotated in the vault: read it once more and try once more.
            LogClientRejected(logger, creds.ClientId);
            var fresh = await credentials.GetAsync(refresh: true, cancellationToken).ConfigureAwait(false);
            using var second = await PostAsync(fresh, cancellationToken).ConfigureAwait(false);
            return await ReadTokenAsync(second, fresh.ClientId, cancellationToken).ConfigureAwait(false);
        }
        return await ReadTokenAsync(first, creds.ClientId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> PostAsync(GenesysCredentials creds, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.LoginUri, "oauth/token"))
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{creds.ClientId}:{creds.ClientSecret}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        request.Options.Set(CampaignHttp.Anonymous, true);
        return await CampaignHttp.SendAsync(httpClientFactory, GenesysCloudClient.ClientName, request, "Genesys Cloud token request", cancellationToken).ConfigureAwait(false);
    }

    private async Task<IssuedToken> ReadTokenAsync(HttpResponseMessage response, string clientId, CancellationToken cancellationToken)
    {
        switch (response.StatusCode)
        {
            case HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest:
                throw new CampaignAuthenticationException(
                    $"The Genesys Cloud token endpoint refused client '{clientId}' ({(int)response.StatusCode}): check the client id and secret, and that the client uses the client credentials grant.", response.StatusCode);
            case HttpStatusCode.Forbidden:
                throw new CampaignAuthenticationException(
                    $"The Genesys Cloud token endpoint refused client '{clientId}' (403): its roles need outbound:campaign:view and outbound:campaign:edit.", response.StatusCode);
        }
        await CampaignHttp.EnsureSuccessAsync(response, "Genesys Cloud token request").ConfigureAwait(false);

        var body = await CampaignHttp.ReadJsonAsync<TokenResponse>(response, "Genesys Cloud token response", cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(body.AccessToken) || body.ExpiresIn <= 0)
        {
            throw new CampaignApiException("The Genesys Cloud token response carried no access_token or no positive expires_in.", response.StatusCode);
        }

        var token = IssuedToken.Lasting(body.AccessToken, timeProvider.GetUtcNow(), TimeSpan.FromSeconds(body.ExpiresIn), options.Value.TokenRefreshBuffer);
        LogTokenIssued(logger, body.ExpiresIn, token.RefreshAt);
        return token;
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("token_type")] string? TokenType,
        [property: JsonPropertyName("expires_in")] long ExpiresIn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Genesys Cloud token endpoint answered 401 for client {ClientId}; re-reading the credentials once")]
    private static partial void LogClientRejected(ILogger logger, string clientId);

    [LoggerMessage(Level = LogLevel.Information, Message = "New Genesys Cloud token, valid {ExpiresIn} s, refreshed from {RefreshAt:o}")]
    private static partial void LogTokenIssued(ILogger logger, long expiresIn, DateTimeOffset refreshAt);
}
