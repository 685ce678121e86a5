using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>
/// The process-wide pace of campaign API requests (<c>Cxone:RequestsPerSecond</c>, <c>Cxone:Burst</c>): every attempt,
/// retries and token requests included, takes a permit, so a busy cycle runs at the tenant's limit instead of into it.
/// </summary>
public sealed class CampaignRequestPacer : IDisposable
{
    public CampaignRequestPacer(IOptions<CxoneOptions> options)
    {
        var rate = options.Value.RequestsPerSecond;
        // A burst is spent from the tenant's bucket (about one second's worth), which then refills no faster than we send:
        // at most half a second's worth leaves the tenant a margin for arrival jitter (Burst 10 at 10 rps meant 429s).
        var burst = Math.Max(1, Math.Min(options.Value.Burst, (int)(rate / 2)));
        // Real time, not the service's TimeProvider: the tenant's bucket refills in real time, and a test faking the clock must not freeze the pacer.
        Limiter = new ElapsedTimeTokenBucket(rate, burst, TimeProvider.System);
    }

    public RateLimiter Limiter { get; }

    public void Dispose() => Limiter.Dispose();
}
