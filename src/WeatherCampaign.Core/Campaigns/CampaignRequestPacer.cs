using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>
/// The process-wide pace of campaign platform requests (the platform's <see cref="CampaignHttpPolicy"/>): every attempt,
/// retries and token requests included, takes a permit, so a busy cycle runs at the tenant's limit instead of into it.
/// With <see cref="CampaignHttpPolicy.AdaptivePacing"/> the pace starts at the configured rate and learns the tenant's real
/// limit from its answers (<see cref="Observe"/>), as the AWS SDKs' adaptive retry mode does: a 429 cuts it to
/// <see cref="BackOffFactor"/> of what the tenant accepted in the last second (multiplicative decrease); each second the
/// pace is what holds requests back without a 429, it grows by a twentieth of the rate it was cut to (additive increase);
/// a limit the tenant announces in its headers caps it at once. It never goes above the configured rate or below
/// <see cref="CampaignHttpPolicy.MinimumRequestsPerSecond"/>, and every change is logged with its reason.
/// </summary>
public sealed partial class CampaignRequestPacer : IDisposable
{
    /// <summary>A 429 leaves this share of the rate (the AWS SDKs' adaptive mode uses 0.7).</summary>
    public const double BackOffFactor = 0.7;

    /// <summary>A hold this long lets the tenant's window refill; a longer Retry-After is each call's own wait (the retry strategy).</summary>
    public static readonly TimeSpan LongestHold = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly ElapsedTimeTokenBucket _bucket;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CampaignHttpPolicy _policy;
    private readonly Queue<long> _acceptedAt = new();
    private double _rate;
    private double _ceiling;
    private double _step;
    private long _changedAt;
    private long _backedOffAt;
    private long _busySince = -1;
    private long _lastAnswerAt;

    public CampaignRequestPacer(CampaignHttpPolicy policy)
        : this(policy, TimeProvider.System, NullLogger<CampaignRequestPacer>.Instance)
    {
    }

    /// <param name="policy">The configured rate (the start and the ceiling), burst and floor.</param>
    /// <param name="timeProvider">
    /// Real time in the service, not its TimeProvider: the tenant's bucket refills in real time, and a test faking the
    /// service's clock must not freeze the pacer. The pacer's own tests pass a fake one.
    /// </param>
    /// <param name="logger">Where each change of pace is logged.</param>
    public CampaignRequestPacer(CampaignHttpPolicy policy, TimeProvider timeProvider, ILogger<CampaignRequestPacer> logger)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _policy = policy;
        _time = timeProvider;
        _logger = logger;
        _rate = _ceiling = policy.RequestsPerSecond;
        _step = StepFor(_rate);
        _changedAt = _backedOffAt = timeProvider.GetTimestamp();
        _bucket = new ElapsedTimeTokenBucket(_rate, BurstFor(_rate), timeProvider);
    }

    public RateLimiter Limiter => _bucket;

    /// <summary>The pace now, in requests per second.</summary>
    public double RequestsPerSecond
    {
        get
        {
            lock (_gate)
            {
                return _rate;
            }
        }
    }

    /// <summary>A timestamp on the pacer's clock, taken when an attempt is sent and given back to <see cref="Observe"/>.</summary>
    public long Timestamp() => _time.GetTimestamp();

    /// <summary>Learns from one answer of the tenant to an attempt sent at <paramref name="sentAt"/> (<see cref="Timestamp"/>).</summary>
    public void Observe(HttpResponseMessage response, long sentAt)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!_policy.AdaptivePacing)
        {
            return;
        }

        var signal = RateLimitHeaders.Read(response.Headers, _time.GetUtcNow());
        var throttled = response.StatusCode == HttpStatusCode.TooManyRequests;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            // A busy stretch starts with the first answer after a quiet spell longer than a hold and a second: only a whole
            // second of it is a rate.
            if (_busySince < 0 || _time.GetElapsedTime(_lastAnswerAt, now) > LongestHold + Second)
            {
                _busySince = now;
            }

            _lastAnswerAt = now;

            if (signal.LimitPerSecond is { } announced && Math.Max(announced, _policy.MinimumRequestsPerSecond) < _ceiling)
            {
                _ceiling = Math.Max(announced, _policy.MinimumRequestsPerSecond);
                _step = StepFor(_ceiling);
                Change(Math.Min(_rate, _ceiling), now, string.Create(CultureInfo.InvariantCulture, $"the tenant announces {announced:0.##} requests/s"));
            }

            if (throttled)
            {
                BackOff(now, sentAt);
                Hold(RetryAfter.TryGetDelay(response.Headers, _time.GetUtcNow(), out var wait) ? wait : signal.Reset, "429");
                return;
            }

            if (signal is { Remaining: <= 0, Reset: { } reset })
            {
                Hold(reset, "the tenant's window is spent");
            }

            Accepted(now);
            Recover(now, sentAt);
        }
    }

    private void BackOff(long now, long sentAt)
    {
        // One cut per episode: attempts sent before the last cut met the old pace, so their 429s say nothing new.
        if (sentAt < _backedOffAt)
        {
            return;
        }

        // Accepted answers in the last second are what the tenant lets this process have; before a whole second of
        // busy answers the count is no rate yet, so the cut is from the current pace. One episode cuts to a quarter of the
        // pace at most (× the factor), so a second of transient failures does not read as a tenant allowing nothing.
        ForgetOlderThanASecond(now);
        var accepted = _time.GetElapsedTime(_busySince, now) >= Second ? _acceptedAt.Count : _rate;
        var cut = Math.Max(_policy.MinimumRequestsPerSecond, BackOffFactor * Math.Min(_rate, Math.Max(accepted, _rate / 4)));
        _step = StepFor(cut);
        _backedOffAt = now;
        Change(cut, now, string.Create(CultureInfo.InvariantCulture, $"429, cut from {Math.Min(_rate, Math.Max(accepted, _rate / 4)):0.##} (the pace, or what the tenant accepted in the last busy second)"));
    }

    private void Hold(TimeSpan? wait, string why)
    {
        if (wait is not { } delay || delay <= TimeSpan.Zero)
        {
            return;
        }

        var hold = delay < LongestHold ? delay : LongestHold;
        _bucket.HoldFor(hold);
        LogHold(_logger, hold.TotalSeconds, why);
    }

    private void Accepted(long now)
    {
        _acceptedAt.Enqueue(now);
        ForgetOlderThanASecond(now);
    }

    private void ForgetOlderThanASecond(long now)
    {
        while (_acceptedAt.TryPeek(out var at) && _time.GetElapsedTime(at, now) > Second)
        {
            _acceptedAt.Dequeue();
        }
    }

    /// <summary>Grows only while requests wait for the pace: an idle process keeps what it learned for the next cycle.</summary>
    private void Recover(long now, long sentAt)
    {
        if (_rate >= _ceiling || sentAt < _changedAt || _time.GetElapsedTime(_changedAt, now) < Second || _bucket.QueuedCount == 0)
        {
            return;
        }

        Change(Math.Min(_ceiling, _rate + _step), now, "a second without 429 while requests waited");
    }

    private void Change(double rate, long now, string why)
    {
        if (rate == _rate)
        {
            return;
        }

        LogChange(_logger, _rate, rate, why);
        _rate = rate;
        _changedAt = now;
        _bucket.ChangeRate(rate, BurstFor(rate));
    }

    /// <summary>
    /// A burst is spent from the tenant's bucket (about one second's worth), which then refills no faster than we send:
    /// at most half a second's worth leaves the tenant a margin for arrival jitter (Burst 10 at 10 rps meant 429s).
    /// </summary>
    private int BurstFor(double rate) => Math.Max(1, Math.Min(_policy.Burst, (int)(rate / 2)));

    private double StepFor(double rate) => Math.Max(rate / 20, _policy.MinimumRequestsPerSecond / 10);

    public void Dispose() => _bucket.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign API pace {OldRate:0.##} -> {NewRate:0.##} requests/s: {Reason}")]
    private static partial void LogChange(ILogger logger, double oldRate, double newRate, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign API requests held for {Seconds:0.###} s: {Reason}")]
    private static partial void LogHold(ILogger logger, double seconds, string reason);
}
