using System.Threading.RateLimiting;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>
/// The process-wide pace of campaign platform requests (the platform's <see cref="CampaignHttpPolicy"/>): every attempt,
/// retries and token requests included, takes a permit, so a busy cycle runs at the tenant's limit instead of into it.
/// </summary>
public sealed class CampaignRequestPacer : IDisposable
{
    public CampaignRequestPacer(CampaignHttpPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var rate = policy.RequestsPerSecond;
        CurrentRequestsPerSecond = rate;
        // A burst is spent from the tenant's bucket (about one second's worth), which then refills no faster than we send:
        // at most half a second's worth leaves the tenant a margin for arrival jitter (Burst 10 at 10 rps meant 429s).
        var burst = Math.Max(1, Math.Min(policy.Burst, (int)(rate / 2)));
        // Real time, not the service's TimeProvider: the tenant's bucket refills in real time, and a test faking the clock must not freeze the pacer.
        Limiter = new ElapsedTimeTokenBucket(rate, burst, TimeProvider.System);
    }

    public RateLimiter Limiter { get; }

    /// <summary>The pace requests are held to now (the <c>weathercampaign.campaign_api.pace</c> gauge reads it).</summary>
    public double CurrentRequestsPerSecond { get; }

    public void Dispose() => Limiter.Dispose();
}
