using Microsoft.Extensions.Time.Testing;
using WeatherCampaign.Core.Campaigns;

namespace WeatherCampaign.Core.Tests.Campaigns;

/// <summary>100 permits a second (one every 10 ms) throughout, on a fake clock.</summary>
[TestClass]
public sealed class ElapsedTimeTokenBucketTests
{
    private const double PerSecond = 100;
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [TestMethod]
    public void Grants_up_to_capacity_at_once_and_refuses_the_next()
    {
        using var bucket = new ElapsedTimeTokenBucket(PerSecond, 5, new FakeTimeProvider());

        var leases = Enumerable.Range(0, 6).Select(_ => bucket.AttemptAcquire()).ToList();

        CollectionAssert.AreEqual(new[] { true, true, true, true, true, false }, leases.Select(l => l.IsAcquired).ToList());
    }

    [TestMethod]
    public void Queued_waiter_is_served_once_its_token_has_accrued_and_not_before()
    {
        var clock = new FakeTimeProvider();
        using var bucket = Emptied(new ElapsedTimeTokenBucket(PerSecond, 5, clock));

        var waiter = bucket.AcquireAsync(1).AsTask();
        clock.Advance(9 * Ms);
        var servedEarly = waiter.IsCompleted;
        clock.Advance(1 * Ms);

        Assert.IsFalse(servedEarly, "9 ms accrue 0.9 of a permit");
        Assert.IsTrue(waiter.IsCompletedSuccessfully && waiter.Result.IsAcquired, "10 ms accrue one permit");
    }

    [TestMethod]
    public void Waiters_are_served_in_arrival_order_even_when_a_later_one_needs_fewer_permits()
    {
        var clock = new FakeTimeProvider();
        using var bucket = Emptied(new ElapsedTimeTokenBucket(PerSecond, 5, clock));
        var first = bucket.AcquireAsync(3).AsTask();
        var second = bucket.AcquireAsync(1).AsTask();
        var served = new List<string>();
        void Note()
        {
            if (first.IsCompleted && !served.Contains("first"))
            {
                served.Add("first");
            }

            if (second.IsCompleted && !served.Contains("second"))
            {
                served.Add("second");
            }
        }

        clock.Advance(10 * Ms); // one permit: enough for the second, but the first came first
        Note();
        var afterOnePermit = served.ToList();
        clock.Advance(20 * Ms);
        Note();
        clock.Advance(10 * Ms);
        Note();

        Assert.IsEmpty(afterOnePermit);
        CollectionAssert.AreEqual(new[] { "first", "second" }, served);
        Assert.IsFalse(bucket.AttemptAcquire().IsAcquired, "both took what accrued");
    }

    [TestMethod]
    public void Late_wake_up_serves_every_permit_owed_at_once()
    {
        var clock = new FakeTimeProvider();
        using var bucket = Emptied(new ElapsedTimeTokenBucket(PerSecond, 5, new LateTimers(clock, 30 * Ms)));
        var waiters = Enumerable.Range(0, 5).Select(_ => bucket.AcquireAsync(1).AsTask()).ToList();

        clock.Advance(39 * Ms); // due at 10 ms, wakes at 40 ms
        var beforeWakeUp = waiters.Count(w => w.IsCompleted);
        clock.Advance(1 * Ms);

        Assert.AreEqual(0, beforeWakeUp);
        Assert.AreEqual(4, waiters.Count(w => w.IsCompletedSuccessfully && w.Result.IsAcquired), "40 ms owe four permits, not one per wake-up");
    }

    [TestMethod]
    public void Late_wake_up_never_grants_more_than_capacity()
    {
        var clock = new FakeTimeProvider();
        using var bucket = Emptied(new ElapsedTimeTokenBucket(PerSecond, 5, new LateTimers(clock, TimeSpan.FromSeconds(1))));
        var waiters = Enumerable.Range(0, 8).Select(_ => bucket.AcquireAsync(1).AsTask()).ToList();

        clock.Advance(1_010 * Ms); // 101 permits' worth of time, into a bucket of 5

        Assert.AreEqual(5, waiters.Count(w => w.IsCompleted));
        Assert.AreEqual(0, bucket.GetStatistics()!.CurrentAvailablePermits);
    }

    [TestMethod]
    public async Task Cancelled_waiter_frees_its_place_and_takes_no_permits()
    {
        var clock = new FakeTimeProvider();
        using var bucket = Emptied(new ElapsedTimeTokenBucket(PerSecond, 5, clock));
        using var cancel = new CancellationTokenSource();
        var cancelled = bucket.AcquireAsync(2, cancel.Token).AsTask();
        var behind = bucket.AcquireAsync(1).AsTask();

        cancel.Cancel();
        var queuedAfterCancel = bucket.GetStatistics()!.CurrentQueuedCount;
        clock.Advance(10 * Ms);

        await Assert.ThrowsAsync<OperationCanceledException>(() => cancelled);
        Assert.AreEqual(1, queuedAfterCancel, "only the waiter behind is still counted");
        Assert.IsTrue(behind.IsCompletedSuccessfully && behind.Result.IsAcquired, "served at 10 ms, not after the cancelled waiter's 20 ms");
        Assert.AreEqual(1, bucket.GetStatistics()!.TotalSuccessfulLeases - 5, "the cancelled waiter was never granted");
    }

    [TestMethod]
    public void More_permits_than_capacity_are_refused_at_once()
    {
        using var bucket = new ElapsedTimeTokenBucket(PerSecond, 5, new FakeTimeProvider());

        var waited = bucket.AcquireAsync(6);
        var attempted = bucket.AttemptAcquire(6);

        Assert.IsTrue(waited.IsCompletedSuccessfully && !waited.Result.IsAcquired, "refused, not queued");
        Assert.IsFalse(attempted.IsAcquired);
        Assert.AreEqual(5, bucket.GetStatistics()!.CurrentAvailablePermits, "a refusal takes nothing");
    }

    [TestMethod]
    public void Disposing_fails_queued_waiters()
    {
        var bucket = Emptied(new ElapsedTimeTokenBucket(PerSecond, 5, new FakeTimeProvider()));
        var waiters = Enumerable.Range(0, 3).Select(_ => bucket.AcquireAsync(1).AsTask()).ToList();

        bucket.Dispose();

        Assert.IsTrue(waiters.All(w => w.IsCompletedSuccessfully && !w.Result.IsAcquired));
        Assert.AreEqual(0, bucket.GetStatistics()!.CurrentQueuedCount);
    }

    [TestMethod]
    public void Statistics_count_grants_refusals_queued_and_available_permits()
    {
        var clock = new FakeTimeProvider();
        using var bucket = new ElapsedTimeTokenBucket(PerSecond, 5, clock);
        for (var i = 0; i < 3; i++)
        {
            bucket.AttemptAcquire();
        }

        bucket.AttemptAcquire(3);
        _ = bucket.AcquireAsync(4);

        var waiting = bucket.GetStatistics()!;
        clock.Advance(20 * Ms);
        var served = bucket.GetStatistics()!;

        Assert.AreEqual((2L, 4L, 3L, 1L), (waiting.CurrentAvailablePermits, waiting.CurrentQueuedCount, waiting.TotalSuccessfulLeases, waiting.TotalFailedLeases));
        Assert.AreEqual((0L, 0L, 4L, 1L), (served.CurrentAvailablePermits, served.CurrentQueuedCount, served.TotalSuccessfulLeases, served.TotalFailedLeases));
    }

    [TestMethod]
    public void Keeps_its_rate_over_ten_seconds_of_wake_ups_18_ms_late()
    {
        var clock = new FakeTimeProvider();
        using var bucket = new ElapsedTimeTokenBucket(PerSecond, 10, new LateTimers(clock, 18 * Ms));
        var waiters = Enumerable.Range(0, 2_000).Select(_ => bucket.AcquireAsync(1).AsTask()).ToList();

        for (var elapsed = 0; elapsed < 10_000; elapsed++)
        {
            clock.Advance(1 * Ms);
        }

        var granted = waiters.Count(w => w.IsCompletedSuccessfully && w.Result.IsAcquired);

        // 10 at once, then 100 a second for 10 s; the last wake-up may still be owed up to three.
        Assert.IsTrue(granted is >= 1_007 and <= 1_010, $"granted {granted}");
    }

    private static ElapsedTimeTokenBucket Emptied(ElapsedTimeTokenBucket bucket)
    {
        while (bucket.AttemptAcquire().IsAcquired) { }
        return bucket;
    }

    /// <summary>The fake clock, with every timer firing <paramref name="lateness"/> after it is due, as on a busy machine.</summary>
    private sealed class LateTimers(FakeTimeProvider clock, TimeSpan lateness) : TimeProvider
    {
        public override long TimestampFrequency => clock.TimestampFrequency;
        public override long GetTimestamp() => clock.GetTimestamp();
        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new LateTimer(clock.CreateTimer(callback, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan), lateness);
            timer.Change(dueTime, period);
            return timer;
        }

        private sealed class LateTimer(ITimer timer, TimeSpan lateness) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) =>
                timer.Change(dueTime == Timeout.InfiniteTimeSpan ? dueTime : dueTime + lateness, period);
            public void Dispose() => timer.Dispose();
            public ValueTask DisposeAsync() => timer.DisposeAsync();
        }
    }
}
