using System.Net.Http.Headers;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>Reads the <c>Retry-After</c> header in both of its forms (delta-seconds and HTTP date).</summary>
public static class RetryAfter
{
    /// <summary>How long the server asked us to wait, measured from <paramref name="now"/>; false when it did not say.</summary>
    public static bool TryGetDelay(HttpResponseHeaders headers, DateTimeOffset now, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        var value = headers.RetryAfter;
        if (value?.Delta is { } delta)
        {
            delay = delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            return true;
        }
        if (value?.Date is { } date)
        {
            var wait = date - now;
            delay = wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            return true;
        }
        return false;
    }
}
