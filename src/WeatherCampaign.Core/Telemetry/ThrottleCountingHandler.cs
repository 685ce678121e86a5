using System.Net;

namespace WeatherCampaign.Core.Telemetry;

/// <summary>Counts each 429 the campaign platform answers; it sits innermost in the campaign pipeline, so every attempt is seen.</summary>
public sealed class ThrottleCountingHandler(WeatherCampaignMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            metrics.Throttled();
        }

        return response;
    }
}
