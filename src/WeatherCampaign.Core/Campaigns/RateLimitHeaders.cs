using System.Globalization;
using System.Net.Http.Headers;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>
/// What a response says about the tenant's rate limit: its quota per second when it names a window, and how much of the
/// current window is left and when it resets. Any part may be unknown.
/// </summary>
/// <param name="LimitPerSecond">The tenant's quota divided by its window.</param>
/// <param name="Remaining">Requests left in the current window.</param>
/// <param name="Reset">Time until the current window resets.</param>
public sealed record RateLimitSignal(double? LimitPerSecond, double? Remaining, TimeSpan? Reset)
{
    public static readonly RateLimitSignal None = new(null, null, null);
}

/// <summary>
/// Reads the rate-limit headers tenants send: the IETF draft's structured <c>RateLimit</c> / <c>RateLimit-Policy</c>
/// (<c>"default";r=5;t=1</c>, <c>"default";q=10;w=1</c>), its earlier <c>RateLimit-Limit</c> / <c>-Remaining</c> /
/// <c>-Reset</c>, the common <c>X-RateLimit-*</c> and Genesys Cloud's <c>inin-ratelimit-allowed</c> / <c>-count</c> /
/// <c>-reset</c>. A value that does not parse as a finite number of the right sign is ignored, never an error.
/// </summary>
public static class RateLimitHeaders
{
    /// <summary>Genesys Cloud counts per minute (300 requests a minute per OAuth client; README, Genesys Cloud).</summary>
    private static readonly TimeSpan GenesysWindow = TimeSpan.FromMinutes(1);

    /// <summary>An <c>X-RateLimit-Reset</c> this large is a Unix time, not a number of seconds.</summary>
    private const double EpochSecondsThreshold = 1_000_000_000;

    public static RateLimitSignal Read(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        double? quota = null, window = null, remaining = null, reset = null;

        // Structured fields first (the newest form), then the older names; the first source that gives a part wins.
        if (First(headers, "RateLimit-Policy") is { } policy)
        {
            var parameters = StructuredParameters(policy);
            quota ??= parameters.GetValueOrDefault("q") ?? parameters.GetValueOrDefault("");
            window ??= parameters.GetValueOrDefault("w");
        }

        if (First(headers, "RateLimit") is { } current)
        {
            var parameters = StructuredParameters(current);
            remaining ??= parameters.GetValueOrDefault("r") ?? parameters.GetValueOrDefault("remaining");
            reset ??= parameters.GetValueOrDefault("t") ?? parameters.GetValueOrDefault("reset");
            quota ??= parameters.GetValueOrDefault("limit");
        }

        quota ??= Number(headers, "RateLimit-Limit") ?? Number(headers, "X-RateLimit-Limit");
        remaining ??= Number(headers, "RateLimit-Remaining") ?? Number(headers, "X-RateLimit-Remaining");
        reset ??= Number(headers, "RateLimit-Reset") ?? Seconds(Number(headers, "X-RateLimit-Reset"), now);

        if (Number(headers, "inin-ratelimit-allowed") is { } allowed)
        {
            quota ??= allowed;
            window ??= GenesysWindow.TotalSeconds;
            if (Number(headers, "inin-ratelimit-count") is { } count)
            {
                remaining ??= Math.Max(0, allowed - count);
            }
        }

        reset ??= Number(headers, "inin-ratelimit-reset");
        return new RateLimitSignal(
            quota is > 0 && window is > 0 ? quota / window : null,
            remaining,
            reset is { } r ? TimeSpan.FromSeconds(r) : null);
    }

    /// <summary>An X-RateLimit-Reset is seconds from now, or (GitHub's form) the Unix time of the reset.</summary>
    private static double? Seconds(double? value, DateTimeOffset now) => value switch
    {
        >= EpochSecondsThreshold => Math.Max(0, value.Value - now.ToUnixTimeSeconds()),
        _ => value,
    };

    private static string? First(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static double? Number(HttpResponseHeaders headers, string name) => Parse(First(headers, name));

    private static double? Parse(string? text) =>
        double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0 ? value : null;

    /// <summary>
    /// The parameters of the first member of a structured field list (<c>"default";q=10;w=1, "daily";q=1000;w=86400</c> gives
    /// q and w of "default"); a bare number as the item (<c>10;w=1</c>, the draft's earlier policy form) is keyed "". The
    /// draft's earliest combined form (<c>limit=10, remaining=5, reset=3</c>) is read as one member.
    /// </summary>
    private static Dictionary<string, double?> StructuredParameters(string field)
    {
        var parameters = new Dictionary<string, double?>(StringComparer.OrdinalIgnoreCase);
        var members = field.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var combined = members.All(m => m.Contains('=', StringComparison.Ordinal) && !m.Contains(';', StringComparison.Ordinal));
        foreach (var member in combined ? members : members.Take(1))
        {
            var parts = member.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < parts.Length; i++)
            {
                var equals = parts[i].IndexOf('=', StringComparison.Ordinal);
                if (equals < 0)
                {
                    if (i == 0)
                    {
                        parameters.TryAdd("", Parse(parts[i]));
                    }

                    continue;
                }

                parameters.TryAdd(parts[i][..equals].Trim(), Parse(parts[i][(equals + 1)..]));
            }
        }

        return parameters;
    }
}
