using System.Globalization;
using CxoneSimulator;
using WeatherCampaign.Core.Platforms;

namespace WeatherCampaign.Bench.Cycle;

/// <summary>
/// One tenant shape: N campaigns on a platform, L ms per request, a limit of R requests/second (on the CXone campaign API
/// <c>Cxone:RequestsPerSecond</c> = R; on the other platforms R is their default pace, left as it is).
/// </summary>
/// <param name="Setting">The service's <c>RequestsPerSecond</c> when it is not R (the tenant's limit unknown to whoever configured it).</param>
/// <param name="RetryAfter">How the tenant's 429s carry Retry-After.</param>
internal sealed record CycleCase(
    int Campaigns, int LatencyMs, double RequestsPerSecond, TimeSpan BaselineCap, string Platform = PlatformOptions.CxoneCampaigns,
    double? Setting = null, RetryAfterMode RetryAfter = RetryAfterMode.Seconds)
{
    public string Name => string.Create(CultureInfo.InvariantCulture,
        $"{(Platform == PlatformOptions.CxoneCampaigns ? "" : Platform + " ")}N={Campaigns:N0} L={LatencyMs}ms R={RequestsPerSecond:0.#}{(Setting is { } s ? $" setting={s:0.#} Retry-After={RetryAfter}" : "")}");

    /// <summary>The service's pace setting: R unless the case says otherwise.</summary>
    public double ServiceRequestsPerSecond => Setting ?? RequestsPerSecond;

    /// <summary>Issue 16: the tenant allows 10 requests/s, the service is set to 100 and must learn the difference.</summary>
    public static IReadOnlyList<CycleCase> UnknownLimit { get; } =
    [
        new(1_000, 100, 10, TimeSpan.FromSeconds(60), Setting: 100, RetryAfter: RetryAfterMode.Seconds),
        new(1_000, 100, 10, TimeSpan.FromSeconds(60), Setting: 100, RetryAfter: RetryAfterMode.HttpDate),
    ];

    /// <summary>
    /// The per-platform case: 200 campaigns (a quarter to pause) at the platform's default pace, the simulator limited to
    /// that pace; at 5 requests/second its first cycle needs about 11 s.
    /// </summary>
    public static CycleCase AtDefaultPace(string platform) =>
        new(200, 20, new CyclePlatform(platform).DefaultRequestsPerSecond, TimeSpan.FromSeconds(60), platform);

    public static IReadOnlyList<CycleCase> Standard { get; } =
    [
        new(1_000, 20, 100, TimeSpan.FromSeconds(60)),
        new(1_000, 100, 100, TimeSpan.FromSeconds(60)),
        new(10_000, 20, 100, TimeSpan.FromSeconds(20)),
        new(10_000, 100, 100, TimeSpan.FromSeconds(20)),
        new(1_000, 100, 10, TimeSpan.FromSeconds(60)),
    ];
}

/// <summary>One measured cycle: wall time, what the tenant saw, and what it should minimally have seen.</summary>
internal sealed record CycleMeasurement(
    string Kind,
    TimeSpan Wall,
    TimeSpan ListAndPlan,
    TimeSpan Apply,
    int Tokens,
    int Pages,
    int Gets,
    int Patches,
    int TooManyRequests,
    int MinimalTokens,
    int MinimalPages,
    int MinimalTransitions,
    int StatusChanges,
    bool AllWorkDone,
    int MaxInFlight,
    string? Note)
{
    public int Requests => Tokens + Pages + Gets + Patches;
    public int Minimal => MinimalTokens + MinimalPages + MinimalTransitions;

    /// <summary>Wall time over the time the minimal requests take at the tenant's limit; 1.0 is as fast as the tenant allows.</summary>
    public double Ratio(double requestsPerSecond) => Minimal == 0 ? double.NaN : Wall.TotalSeconds / (Minimal / requestsPerSecond);
}

internal sealed record CaseResult(CycleCase Case, StorageMode Storage, CycleMeasurement First, CycleMeasurement Steady, CycleMeasurement? Baseline, bool BaselineCapped);
