namespace CxoneSimulator;

/// <summary>
/// A token bucket over the tenant's requests, on the simulator's clock so tests can drive it with a fake one.
/// A change of rate or burst starts a full bucket.
/// </summary>
internal sealed class RequestBucket(TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _rate;
    private int _burst;
    private double _tokens;
    private long _refilledAt;

    /// <summary>Takes one token, or says how long until one is there.</summary>
    public bool TryTake(double rate, int burst, out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            if (rate != _rate || burst != _burst)
            {
                (_rate, _burst, _tokens) = (rate, burst, burst);
            }
            else
            {
                _tokens = Math.Min(burst, _tokens + (time.GetElapsedTime(_refilledAt, now).TotalSeconds * rate));
            }

            _refilledAt = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((1 - _tokens) / rate);
            return false;
        }
    }
}
