using System.Net;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>
/// The OAuth client-credentials token for the tenant: requested once, shared by every caller, refreshed
/// ahead of expiry, and replaced once when a call says it was revoked.
/// </summary>
public sealed partial class CxoneTokenProvider(
    IHttpClientFactory httpClientFactory,
    ICxoneCredentialSource credentials,
    IOptions<CxoneOptions> options,
    TimeProvider timeProvider,
    ILogger<CxoneTokenProvider> logger) : ICampaignTokenSource
{
    private readonly TokenCache _tokens = new(timeProvider);

    /// <summary>A token for a request to the tenant (<c>Cxone:BaseUrl</c>); any other host is refused.</summary>
    public ValueTask<string> GetTokenAsync(Uri target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return options.Value.BaseUri.IsBaseOf(target)
            ? GetTokenAsync(cancellationToken)
            : throw new CampaignApiException($"A request to {target.GetLeftPart(UriPartial.Authority)} would carry the tenant's token; only {options.Value.BaseUri} may.");
    }

    /// <summary>A token that is valid now; at most one request to the token endpoint is in flight at a time.</summary>
    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) =>
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

    private async Task<HttpResponseMessage> PostAsync(CxoneCredentials creds, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth2/token")
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "client_credentials"),
                new("client_id", creds.ClientId),
                new("client_secret", creds.ClientSecret),
            ]),
        };
        request.Options.Set(CampaignHttp.Anonymous, true);
        return await CampaignHttp.SendAsync(httpClientFactory, CxoneCampaignClient.ClientName, request, "token request", cancellationToken).ConfigureAwait(false);
    }

    private async Task<IssuedToken> ReadTokenAsync(HttpResponseMessage response, string clientId, CancellationToken cancellationToken)
    {
        switch (response.StatusCode)
        {
            case HttpStatusCode.Unauthorized:
                throw new CampaignAuthenticationException(
                    $"The token endpoint refused client '{clientId}' (401): check the client id and secret.", response.StatusCode);
            case HttpStatusCode.Forbidden:
                throw new CampaignAuthenticationException(
                    $"The token endpoint refused client '{clientId}' (403): it needs the scopes outbound:campaign:read and outbound:campaign:write.", response.StatusCode);
        }
        await CampaignHttp.EnsureSuccessAsync(response, "token request").ConfigureAwait(false);

        var body = await CampaignHttp.ReadJsonAsync<TokenResponse>(response, "token response", cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(body.AccessToken) || body.ExpiresIn <= 0)
        {
            throw new CampaignApiException("The token response carried no access_token or no positive expires_in.", response.StatusCode);
        }

        var token = IssuedToken.Lasting(body.AccessToken, timeProvider.GetUtcNow(), TimeSpan.FromSeconds(body.ExpiresIn), options.Value.TokenRefreshBuffer);
        LogTokenIssued(logger, body.ExpiresIn, token.RefreshAt);
        return token;
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("token_type")] string? TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token endpoint answered 401 for client {ClientId}; re-reading the credentials once")]
    private static partial void LogClientRejected(ILogger logger, string clientId);

    [LoggerMessage(Level = LogLevel.Information, Message = "New campaign API token, valid {ExpiresIn} s, refreshed from {RefreshAt:o}")]
    private static partial void LogTokenIssued(ILogger logger, int expiresIn, DateTimeOffset refreshAt);
}
