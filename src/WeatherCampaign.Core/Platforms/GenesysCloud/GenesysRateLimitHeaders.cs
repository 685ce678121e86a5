using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace WeatherCampaign.Core.Platforms.GenesysCloud;

/// <summary>
/// A 429 that names no <c>Retry-After</c> but carries Genesys Cloud's <c>inin-ratelimit-reset</c> (seconds until the limit
/// resets) is given that wait as its <c>Retry-After</c>, so the one retry strategy (<see cref="Campaigns.CampaignHttpPipeline"/>) honours it.
/// </summary>
public sealed class GenesysRateLimitHeaders : DelegatingHandler
{
    public const string ResetHeader = "inin-ratelimit-reset";

    /// <summary>A reset further away than this is not believed; the pipeline's own backoff is used then.</summary>
    private static readonly TimeSpan LongestReset = TimeSpan.FromMinutes(2);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.TooManyRequests && response.Headers.RetryAfter is null
            && response.Headers.TryGetValues(ResetHeader, out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds >= 0 && TimeSpan.FromSeconds(Math.Ceiling(seconds)) is var wait && wait <= LongestReset)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(wait);
        }

        return response;
    }
}
