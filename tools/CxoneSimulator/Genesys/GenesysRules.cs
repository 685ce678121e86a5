namespace CxoneSimulator.Genesys;

/// <summary>How the simulated Genesys Cloud org behaves where the real one varies; settable at any time.</summary>
public sealed class GenesysRules
{
    /// <summary>How many API reads of a campaign still see <c>stopping</c> after an <c>on → off</c>, before it settles to <c>off</c>.</summary>
    public int StoppingReads { get; set; } = 1;

    /// <summary>When set, a campaign also settles to <c>off</c> once it has been <c>stopping</c> this long (the simulator's clock).</summary>
    public TimeSpan? StoppingFor { get; set; }

    /// <summary>Answer a stale version with 400 and a "does not match" message instead of 409 (Genesys Cloud sends either).</summary>
    public bool StaleVersionAs400 { get; set; }
}
