using System.Net;
using WeatherCampaign.Core.Campaigns;

namespace WeatherCampaign.Core.Tests.Campaigns;

[TestClass]
public sealed class RateLimitHeadersTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static RateLimitSignal Read(params string[] headers)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        foreach (var header in headers)
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            response.Headers.TryAddWithoutValidation(header[..colon], header[(colon + 1)..].Trim());
        }

        return RateLimitHeaders.Read(response.Headers, Now);
    }

    [TestMethod]
    [DataRow(new[] { "RateLimit-Policy: \"default\";q=10;w=1", "RateLimit: \"default\";r=3;t=1" }, 10.0, 3.0, 1.0, DisplayName = "IETF structured fields")]
    [DataRow(new[] { "RateLimit-Policy: \"burst\";q=120;w=60, \"daily\";q=1000;w=86400" }, 2.0, null, null, DisplayName = "IETF policy list: the first policy counts")]
    [DataRow(new[] { "RateLimit-Limit: 10", "RateLimit-Remaining: 4", "RateLimit-Reset: 2", "RateLimit-Policy: 10;w=1" }, 10.0, 4.0, 2.0, DisplayName = "IETF earlier draft headers")]
    [DataRow(new[] { "RateLimit: limit=20, remaining=0, reset=5" }, null, 0.0, 5.0, DisplayName = "IETF earliest combined field: no window, so no rate")]
    [DataRow(new[] { "X-RateLimit-Limit: 100", "X-RateLimit-Remaining: 0", "X-RateLimit-Reset: 7" }, null, 0.0, 7.0, DisplayName = "X-RateLimit, reset in seconds")]
    [DataRow(new[] { "X-RateLimit-Remaining: 0", "X-RateLimit-Reset: 1796126430" }, null, 0.0, 30.0, DisplayName = "X-RateLimit, reset as a Unix time")]
    [DataRow(new[] { "inin-ratelimit-allowed: 300", "inin-ratelimit-count: 300", "inin-ratelimit-reset: 12" }, 5.0, 0.0, 12.0, DisplayName = "Genesys Cloud: per minute")]
    [DataRow(new string[0], null, null, null, DisplayName = "no headers")]
    public void Reads_each_form(string[] headers, double? limitPerSecond, double? remaining, double? resetSeconds)
    {
        var signal = Read(headers);

        Assert.AreEqual(limitPerSecond, signal.LimitPerSecond);
        Assert.AreEqual(remaining, signal.Remaining);
        Assert.AreEqual(resetSeconds is { } s ? TimeSpan.FromSeconds(s) : null, signal.Reset);
    }

    [TestMethod]
    [DataRow("RateLimit-Policy: \"default\";q=ten;w=1", DisplayName = "quota not a number")]
    [DataRow("RateLimit-Policy: \"default\";q=10;w=0", DisplayName = "zero window")]
    [DataRow("RateLimit-Policy: \"default\";q=-10;w=1", DisplayName = "negative quota")]
    [DataRow("RateLimit-Policy: ;;;==,,", DisplayName = "punctuation only")]
    [DataRow("RateLimit-Limit: NaN", DisplayName = "NaN")]
    [DataRow("RateLimit-Limit: 1e999", DisplayName = "infinite")]
    [DataRow("RateLimit-Remaining: -1", DisplayName = "negative remaining")]
    [DataRow("X-RateLimit-Reset: soon", DisplayName = "reset not a number")]
    [DataRow("inin-ratelimit-allowed: 0", DisplayName = "Genesys zero allowance")]
    [DataRow("RateLimit: \"default\";r=\"3\";t=", DisplayName = "quoted and empty values")]
    public void Malformed_values_are_ignored(string header)
    {
        var signal = Read(header);

        Assert.IsNull(signal.LimitPerSecond);
        Assert.IsNull(signal.Remaining);
        Assert.IsNull(signal.Reset);
    }
}
