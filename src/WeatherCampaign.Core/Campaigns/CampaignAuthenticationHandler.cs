using System.Net;
using System.Net.Http.Headers;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>
/// Puts the bearer token on every campaign platform call, and on a 401 gets a new token once and sends again
/// (the token was revoked or expired early). Sits inside the resilience pipeline, so each attempt is authenticated.
/// </summary>
public sealed class CampaignAuthenticationHandler(ICampaignTokenSource tokens, CampaignRequestPacer pacer) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(CampaignHttp.Anonymous, out var anonymous) && anonymous)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var target = request.RequestUri ?? throw new InvalidOperationException("A campaign platform request has no URI.");
        var token = await tokens.GetTokenAsync(target, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        tokens.Invalidate(token);
        var fresh = await tokens.GetTokenAsync(target, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh);
        // The resend is one more request to the tenant: it waits for the pace like every attempt (a revocation rejects many at once).
        using var lease = await pacer.Limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new HttpRequestException("The campaign API request pacer is shut down.");
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
