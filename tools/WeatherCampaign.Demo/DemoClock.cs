namespace WeatherCampaign.Demo;

/// <summary>
/// The demo's clock: real time plus an offset the demo moves forward (<see cref="Advance"/>) to show the clear-for
/// period passing without waiting for it. Unlike a <c>FakeTimeProvider</c>, its timers and timestamps stay real:
/// the service's HTTP pipelines (retry back-off, timeouts, pacing) and the Azure SDK wait on the service's
/// <see cref="TimeProvider"/>, and on a frozen fake clock a single retry would wait forever.
/// </summary>
internal sealed class DemoClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
