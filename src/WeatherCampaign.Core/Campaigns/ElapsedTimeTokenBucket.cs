using System.Threading.RateLimiting;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>
/// A token bucket refilled by the time that has actually elapsed, serving waiters first come, first served. The framework's
/// auto-replenishing bucket adds a fixed amount per timer tick, so every late tick (a busy machine) loses rate for good:
/// at 100 rps with ticks 18 ms late it paced at about 75 rps. Here a late wake-up only makes the tokens it owes come at once,
/// never more than the bucket holds. The clock and the wake-up timer both come from the <see cref="TimeProvider"/> given.
/// The rate can change while requests wait (<see cref="CampaignRequestPacer"/> learns the tenant's limit), and the bucket can be
/// held empty until a given time (the tenant said its window is spent).
/// </summary>
internal sealed class ElapsedTimeTokenBucket : RateLimiter
{
    private static readonly RateLimitLease Granted = new Lease(true);
    private static readonly RateLimitLease Refused = new Lease(false);

    private readonly Lock _gate = new();
    private readonly Queue<Waiter> _waiters = new();
    private readonly TimeProvider _time;
    private readonly ITimer _wakeUp;
    private double _perSecond;
    private int _capacity;
    private double _tokens;
    private long _refilledAt;
    private int _queued;
    private long _granted;
    private long _refused;
    private bool _disposed;

    public ElapsedTimeTokenBucket(double perSecond, int capacity, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _perSecond = perSecond;
        _capacity = capacity;
        _tokens = capacity;
        _time = timeProvider;
        _refilledAt = timeProvider.GetTimestamp();
        _wakeUp = timeProvider.CreateTimer(static state => ((ElapsedTimeTokenBucket)state!).ServeWaiters(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Permits waiting for tokens now: the pace, not the work, is what holds the caller back.</summary>
    public int QueuedCount
    {
        get
        {
            lock (_gate)
            {
                return _queued;
            }
        }
    }

    /// <summary>Refills at <paramref name="perSecond"/> from now on, holding at most <paramref name="capacity"/>; waiters are rescheduled.</summary>
    public void ChangeRate(double perSecond, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        lock (_gate)
        {
            Refill();
            (_perSecond, _capacity) = (perSecond, capacity);
            _tokens = Math.Min(_tokens, capacity);
            if (_waiters.Count > 0)
            {
                ScheduleWakeUp();
            }
        }
    }

    /// <summary>Spends every token and accrues none until <paramref name="delay"/> has passed (a hold already longer stays).</summary>
    public void HoldFor(TimeSpan delay)
    {
        lock (_gate)
        {
            Refill();
            _tokens = Math.Min(_tokens, 0);
            var until = _time.GetTimestamp() + (long)(Math.Max(0, delay.TotalSeconds) * _time.TimestampFrequency);
            _refilledAt = Math.Max(_refilledAt, until);
            if (_waiters.Count > 0)
            {
                ScheduleWakeUp();
            }
        }
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
            waiter = new Waiter(this, permitCount);
            _waiters.Enqueue(waiter);
            _queued += permitCount;
            ScheduleWakeUp();
        }
        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.UnsafeRegister(static (state, token) => ((Waiter)state!).Bucket.Cancel((Waiter)state!, token), waiter);
        }

        return new ValueTask<RateLimitLease>(waiter.Task);
    }

    /// <summary>A cancelled waiter leaves the count at once and the queue when it reaches the front; it takes no tokens.</summary>
    private void Cancel(Waiter waiter, CancellationToken token)
    {
        lock (_gate)
        {
            if (!waiter.TrySetCanceled(token))
            {
                return; // granted or refused first
            }

            _queued -= waiter.Permits;
            ServeWaitersLocked();
        }
    }

    private void ServeWaiters()
    {
        lock (_gate)
        {
            ServeWaitersLocked();
        }
    }

    private void ServeWaitersLocked()
    {
        Refill();
        while (_waiters.TryPeek(out var next))
        {
            if (next.Task.IsCompleted)
            {
                _waiters.Dequeue(); // cancelled while it waited
                continue;
            }
            if (_tokens < next.Permits)
            {
                break;
            }

            _waiters.Dequeue();
            _queued -= next.Permits;
            _tokens -= next.Permits;
            _granted++;
            next.TrySetResult(Granted);
            next.Registration.Unregister();
        }
        if (_waiters.Count > 0)
        {
            ScheduleWakeUp();
        }
    }

    /// <summary>Wakes when the first waiter's tokens will have accrued (at least 1 ms ahead).</summary>
    private void ScheduleWakeUp()
    {
        if (_disposed)
        {
            return;
        }

        var missing = Math.Max(0, _waiters.Peek().Permits - _tokens);
        var held = Math.Max(0, (_refilledAt - _time.GetTimestamp()) / (double)_time.TimestampFrequency);
        var due = TimeSpan.FromSeconds(Math.Max(held + (missing / _perSecond), 0.001));
        _wakeUp.Change(due, Timeout.InfiniteTimeSpan);
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        if (now <= _refilledAt)
        {
            return; // held: nothing accrues before the hold ends
        }

        _tokens = Math.Min(_capacity, _tokens + (_time.GetElapsedTime(_refilledAt, now).TotalSeconds * _perSecond));
        _refilledAt = now;
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _wakeUp.Dispose();
            while (_waiters.TryDequeue(out var waiter))
            {
                waiter.TrySetResult(Refused); // continuations run asynchronously, outside this lock
                waiter.Registration.Unregister();
            }
            _queued = 0;
        }
    }

    private sealed class Waiter(ElapsedTimeTokenBucket bucket, int permits) : TaskCompletionSource<RateLimitLease>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public ElapsedTimeTokenBucket Bucket { get; } = bucket;
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
