using System.Globalization;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Cli.Serve;

/// <summary>What <c>serve</c> has applied since it started, for its status line on a terminal (<see cref="Commands.ServeCommand"/>).</summary>
public sealed class ServeTally
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private int _failed;

    /// <summary>Raised after every count, on the thread that applied the message.</summary>
    public event Action? Changed;

    public void Applied(AuditOutcome outcome)
    {
        lock (_gate)
        {
            _outcomes[outcome.ToWire()] = _outcomes.GetValueOrDefault(outcome.ToWire()) + 1;
        }

        Changed?.Invoke();
    }

    public void Failed()
    {
        Interlocked.Increment(ref _failed);
        Changed?.Invoke();
    }

    /// <summary>Such as "paused 3, resumed 1; 0 failed (left for a retry)".</summary>
    public override string ToString()
    {
        lock (_gate)
        {
            var applied = _outcomes.Count == 0 ? "nothing applied yet" : string.Join(", ", _outcomes.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Key} {o.Value}")));
            return string.Create(CultureInfo.InvariantCulture, $"{applied}; {Volatile.Read(ref _failed)} failed (left for a retry)");
        }
    }
}
