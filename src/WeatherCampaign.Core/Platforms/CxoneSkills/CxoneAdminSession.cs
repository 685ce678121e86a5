using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Campaigns;

namespace WeatherCampaign.Core.Platforms.CxoneSkills;

/// <summary>
/// The service's session with a CXone tenant: the access-key token (the refresh token tried before a new password grant), the
/// tenant read from its id_token, and the API host discovered for that tenant. A token goes only to the host discovery named.
/// </summary>
public sealed partial class CxoneAdminSession(
    IHttpClientFactory httpClientFactory,
    ICxoneAdminCredentialSource credentials,
    IOptions<CxoneAdminOptions> options,
    TimeProvider timeProvider,
    ILogger<CxoneAdminSession> logger) : ICampaignTokenSource
{
    private readonly TokenCache _tokens = new(timeProvider);
    private readonly SemaphoreSlim _discoveryGate = new(1, 1);
    private string? _refreshToken;
    private string? _tenantId;
    private DiscoveredApi? _api;

    private sealed record DiscoveredApi(string TenantId, Uri Base);

    /// <summary>A token for a request under the discovered API base; any other target is refused before a token is handed out.</summary>
    public ValueTask<string> GetTokenAsync(Uri target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var api = _api;
        if (api is null || !api.Base.IsBaseOf(target))
        {
            throw new CampaignApiException(
                $"A request to {target.GetLeftPart(UriPartial.Authority)} would carry the tenant's token; only the API host discovery named may ({(api is null ? "none discovered yet" : api.Base.GetLeftPart(UriPartial.Authority))}).");
        }

        return GetTokenAsync(cancellationToken);
    }

    public void Invalidate(string rejected) => _tokens.Invalidate(rejected);

    /// <summary>The token and the discovered API base, the two round trips before the first Admin API request.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken) => await GetApiAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The Admin API base, <c>{api_endpoint}/inContactAPI/services/{ApiVersion}/</c>, discovered once per tenant. Throws a
    /// <see cref="CampaignApiException"/> saying why when discovery fails or names a host that may not carry the token.
    /// </summary>
    public async Task<Uri> GetServicesBaseAsync(CancellationToken cancellationToken)
    {
        var api = await GetApiAsync(cancellationToken).ConfigureAwait(false);
        return new Uri(api, $"inContactAPI/services/{options.Value.ApiVersion}/");
    }

    private async Task<Uri> GetApiAsync(CancellationToken cancellationToken)
    {
        await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var tenant = _tenantId!;
        if (_api is { } known && known.TenantId == tenant)
        {
            return known.Base;
        }

        await _discoveryGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_api is { } raced && raced.TenantId == tenant)
            {
                return raced.Base;
            }

            var settings = options.Value;
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(settings.AuthUri, $".well-known/cxone-configuration?tenantId={Uri.EscapeDataString(tenant)}"));
            request.Options.Set(CampaignHttp.Anonymous, true);
            using var response = await CampaignHttp.SendAsync(httpClientFactory, CxoneSkillsPlatform.ClientName, request, "CXone API discovery", cancellationToken).ConfigureAwait(false);
            await CampaignHttp.EnsureSuccessAsync(response, "CXone API discovery").ConfigureAwait(false);
            var answer = await CampaignHttp.ReadJsonAsync<DiscoveryAnswer>(response, "CXone API discovery answer", cancellationToken).ConfigureAwait(false);
            if (!CxoneApiEndpoint.TryAccept(answer.ApiEndpoint, settings.AllowLoopbackEndpoints, out var api, out var reason))
            {
                var named = CxoneApiEndpoint.Describe(answer.ApiEndpoint);
                LogDiscoveryRefused(logger, named, reason);
                throw new CampaignApiException($"CXone discovery named {named} as the tenant's API host; refused, so no request goes there: {reason}.");
            }

            LogDiscovered(logger, api!.GetLeftPart(UriPartial.Authority));
            _api = new DiscoveredApi(tenant, api);
            return api;
        }
        finally
        {
            _discoveryGate.Release();
        }
    }

    private ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) =>
        _tokens.GetAsync(RequestTokenAsync, cancellationToken);

    /// <summary>The refresh grant when a refresh token is held; the password grant when there is none or it is refused.</summary>
    private async Task<IssuedToken> RequestTokenAsync(CancellationToken cancellationToken)
    {
        var creds = await credentials.GetAsync(refresh: false, cancellationToken).ConfigureAwait(false);
        if (_refreshToken is { } refresh)
        {
            _refreshToken = null; // used once, whatever the answer
            using var refreshed = await PostAsync(creds, [new("grant_type", "refresh_token"), new("refresh_token", refresh)], cancellationToken).ConfigureAwait(false);
            if (!IsRefusal(refreshed.StatusCode))
            {
                return await ReadTokenAsync(refreshed, "refresh", cancellationToken).ConfigureAwait(false);
            }

            LogRefreshRefused(logger, (int)refreshed.StatusCode);
        }

        using var first = await PostPasswordAsync(creds, cancellationToken).ConfigureAwait(false);
        if (!IsRefusal(first.StatusCode))
        {
            return await ReadTokenAsync(first, "password", cancellationToken).ConfigureAwait(false);
        }

        // The access key or the client secret may have been rotated in the vault: read them once more and try once more.
        LogCredentialsRefused(logger, (int)first.StatusCode);
        var fresh = await credentials.GetAsync(refresh: true, cancellationToken).ConfigureAwait(false);
        using var second = await PostPasswordAsync(fresh, cancellationToken).ConfigureAwait(false);
        if (IsRefusal(second.StatusCode))
        {
            throw new CampaignAuthenticationException(
                $"The CXone token endpoint refused the application or its access key ({(int)second.StatusCode}), also after reading the credentials again: check CxoneAdmin:ClientId and CxoneAdmin:ClientSecret, and that the access key is active for its user.",
                second.StatusCode);
        }

        return await ReadTokenAsync(second, "password", cancellationToken).ConfigureAwait(false);
    }

    private Task<HttpResponseMessage> PostPasswordAsync(CxoneAdminCredentials creds, CancellationToken cancellationToken) =>
        PostAsync(creds, [new("grant_type", "password"), new("username", creds.AccessKeyId), new("password", creds.AccessKeySecret)], cancellationToken);

    private async Task<HttpResponseMessage> PostAsync(CxoneAdminCredentials creds, KeyValuePair<string, string>[] form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.AuthUri, "auth/token"))
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{creds.ClientId}:{creds.ClientSecret}")));
        request.Options.Set(CampaignHttp.Anonymous, true);
        return await CampaignHttp.SendAsync(httpClientFactory, CxoneSkillsPlatform.ClientName, request, "CXone token request", cancellationToken).ConfigureAwait(false);
    }

    // NICE documents no error codes for the token endpoint: a refused grant may come back as 400 (OAuth's invalid_grant) or 401.
    private static bool IsRefusal(HttpStatusCode status) => status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;

    private async Task<IssuedToken> ReadTokenAsync(HttpResponseMessage response, string grant, CancellationToken cancellationToken)
    {
        await CampaignHttp.EnsureSuccessAsync(response, "CXone token request").ConfigureAwait(false);
        var body = await CampaignHttp.ReadJsonAsync<TokenAnswer>(response, "CXone token answer", cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(body.AccessToken) || body.ExpiresIn <= 0)
        {
            throw new CampaignApiException("The CXone token answer carried no access_token or no positive expires_in.", response.StatusCode);
        }

        var tenant = IdTokenClaims.TenantId(body.IdToken) ?? _tenantId
            ?? throw new CampaignApiException("The CXone token answer carried no id_token naming a tenantId, so the tenant's API host cannot be discovered.", response.StatusCode);
        _tenantId = tenant;
        _refreshToken = string.IsNullOrEmpty(body.RefreshToken) ? null : body.RefreshToken;

        var token = IssuedToken.Lasting(body.AccessToken, timeProvider.GetUtcNow(), TimeSpan.FromSeconds(body.ExpiresIn), options.Value.TokenRefreshBuffer);
        LogTokenIssued(logger, grant, body.ExpiresIn, token.RefreshAt);
        return token;
    }

    private sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("id_token")] string? IdToken);

    private sealed record DiscoveryAnswer([property: JsonPropertyName("api_endpoint")] string? ApiEndpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "New CXone token by the {Grant} grant, valid {ExpiresIn} s, refreshed from {RefreshAt:o}")]
    private static partial void LogTokenIssued(ILogger logger, string grant, int expiresIn, DateTimeOffset refreshAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "CXone refused the refresh token ({Status}); asking for a new grant with the access key")]
    private static partial void LogRefreshRefused(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CXone token endpoint refused the credentials ({Status}); reading them again once")]
    private static partial void LogCredentialsRefused(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "CXone discovery named the tenant's API host {Host}")]
    private static partial void LogDiscovered(ILogger logger, string host);

    [LoggerMessage(Level = LogLevel.Error, Message = "CXone discovery named {Host} as the tenant's API host; refused: {Reason}")]
    private static partial void LogDiscoveryRefused(ILogger logger, string host, string reason);
}
