using System.Diagnostics;
using System.Threading.RateLimiting;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>
/// A token bucket refilled by the time that has actually elapsed, serving waiters first come, first served. The framework's
/// auto-replenishing bucket adds a fixed amount per timer tick, so every late tick (a busy machine) loses rate for good:
/// at 100 rps with ticks 18 ms late it paced at about 75 rps. Here a late wake-up only makes the tokens it owes come at once,
/// never more than the bucket holds. Real time throughout: the tenant's own bucket refills in real time.
/// </summary>
internal sealed class ElapsedTimeTokenBucket : RateLimiter
{
    private static readonly RateLimitLease Granted = new Lease(true);
    private static readonly RateLimitLease Refused = new Lease(false);

    private readonly Lock _gate = new();
    private readonly Queue<Waiter> _waiters = new();
    private readonly ITimer _wakeUp;
    private readonly double _perSecond;
    private readonly int _capacity;
    private double _tokens;
    private long _refilledAt;
    private int _queued;
    private long _granted;
    private long _refused;
    private bool _disposed;

    public ElapsedTimeTokenBucket(double perSecond, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _perSecond = perSecond;
        _capacity = capacity;
        _tokens = capacity;
        _refilledAt = Stopwatch.GetTimestamp();
        _wakeUp = TimeProvider.System.CreateTimer(static state => ((ElapsedTimeTokenBucket)state!).ServeWaiters(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                Refill();
                return _waiters.Count == 0 && _tokens >= _capacity ? TimeSpan.Zero : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            Refill();
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = (long)_tokens,
                CurrentQueuedCount = _queued,
                TotalSuccessfulLeases = _granted,
                TotalFailedLeases = _refused,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_gate)
        {
            Refill();
            if (!_disposed && permitCount <= _capacity && _waiters.Count == 0 && _tokens >= permitCount)
            {
                _tokens -= permitCount;
                _granted++;
                return Granted;
            }
            _refused++;
            return Refused;
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (_gate)
        {
            Refill();
            if (_disposed || permitCount > _capacity)
            {
                _refused++;
                return ValueTask.FromResult(Refused);
            }
            if (_waiters.Count == 0 && _tokens >= permitCount)
            {
                _tokens -= permitCount;
                _granted++;
                return ValueTask.FromResult(Granted);
            }
            waiter = new Waiter(permitCount);
            _waiters.Enqueue(waiter);
            _queued += permitCount;
            ScheduleWakeUp();
        }
        if (cancellationToken.CanBeCanceled)
            waiter.Registration = cancellationToken.UnsafeRegister(static (state, token) => ((Waiter)state!).TrySetCanceled(token), waiter);
        return new ValueTask<RateLimitLease>(waiter.Task);
    }

    private void ServeWaiters()
    {
        lock (_gate)
        {
            Refill();
            while (_waiters.TryPeek(out var next))
            {
                if (!next.Task.IsCompleted && _tokens < next.Permits) break;
                _waiters.Dequeue();
                _queued -= next.Permits;
                if (next.Task.IsCompleted) continue; // cancelled while it waited
                if (next.TrySetResult(Granted))
                {
                    _tokens -= next.Permits;
                    _granted++;
                }
                next.Registration.Unregister();
            }
            if (_waiters.Count > 0) ScheduleWakeUp();
        }
    }

    /// <summary>Wakes when the first waiter's tokens will have accrued (at least 1 ms ahead).</summary>
    private void ScheduleWakeUp()
    {
        if (_disposed) return;
        var missing = Math.Max(0, _waiters.Peek().Permits - _tokens);
        var due = TimeSpan.FromSeconds(Math.Max(missing / _perSecond, 0.001));
        _wakeUp.Change(due, Timeout.InfiniteTimeSpan);
    }

    private void Refill()
    {
        var now = Stopwatch.GetTimestamp();
        _tokens = Math.Min(_capacity, _tokens + Stopwatch.GetElapsedTime(_refilledAt, now).TotalSeconds * _perSecond);
        _refilledAt = now;
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing) return;
        List<Waiter> abandoned;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _wakeUp.Dispose();
            abandoned = [.. _waiters];
            _waiters.Clear();
            _queued = 0;
        }
        foreach (var waiter in abandoned)
        {
            waiter.TrySetResult(Refused);
            waiter.Registration.Unregister();
        }
    }

    private sealed class Waiter(int permits) : TaskCompletionSource<RateLimitLease>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public int Permits { get; } = permits;
        public CancellationTokenRegistration Registration { get; set; }
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired { get; } = acquired;
        public override IEnumerable<string> MetadataNames => [];
        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
