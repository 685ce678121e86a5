using System.Globalization;
using CxoneSimulator;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Integration.Tests.Failures;

/// <summary>
/// Case 1. Fault: a 429 storm — the tenant allows far fewer requests than a busy cycle sends, and says when to come back with
/// Retry-After as delta-seconds or as an HTTP date. Expected: every pause completes; no retry goes before the header's time.
/// </summary>
[TestClass]
public sealed class RateLimitTests
{
    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    [TestMethod]
    [DataRow(RetryAfterMode.Seconds)]
    [DataRow(RetryAfterMode.HttpDate)]
    public async Task Storm_of_429s_completes_all_work_and_every_retry_waits_for_the_retry_after(RetryAfterMode mode)
    {
        var attempts = new AttemptLog();
        await using var harness = await ServiceHarness.StartAsync(Scenario.Florida(12), Scenario.Fast(maxRetries: 8), services: attempts.Install);
        harness.HurricaneOverFlorida();
        var faults = harness.Simulator.State.Faults;
        faults.RetryAfterMode = mode;
        faults.RequestsPerSecond = 8;
        faults.Burst = 3;

        var outcomes = await Scenario.RunCycleConcurrentlyAsync(harness);

        var state = harness.Simulator.State;
        Assert.IsTrue(outcomes.All(o => o == AuditOutcome.Paused), string.Join(", ", outcomes));
        Assert.AreEqual(12, state.StatusChanges);
        Assert.IsTrue(state.Campaigns.All(c => c.Status == CampaignEntity.Paused));
        Assert.IsGreaterThan(0, state.TooManyRequestsCount, "the storm happened");
        Assert.AreEqual(12, (await harness.AuditAsync()).Count(r => r.Outcome == AuditOutcome.Paused));

        var checkedRetries = 0;
        foreach (var call in attempts.Attempts.GroupBy(a => a.Call))
        {
            var list = call.OrderBy(a => a.SentAt).ToList();
            for (var i = 1; i < list.Count; i++)
            {
                if (list[i - 1] is not { Status: 429, RetryAfter: { } header } refused)
                {
                    continue;
                }

                var notBefore = mode == RetryAfterMode.Seconds
                    ? refused.AnsweredAt + TimeSpan.FromSeconds(int.Parse(header, CultureInfo.InvariantCulture))
                    : DateTimeOffset.ParseExact(header, "R", CultureInfo.InvariantCulture);
                // 20 ms for the timer's granularity; a retry on time is never earlier than that.
                Assert.IsGreaterThanOrEqualTo(notBefore - TimeSpan.FromMilliseconds(20), list[i].SentAt,
                    $"{list[i].Method} {list[i].Path}: Retry-After '{header}' answered at {refused.AnsweredAt:O}, retried at {list[i].SentAt:O}");
                checkedRetries++;
            }
        }
        Assert.IsGreaterThan(0, checkedRetries, "some retry followed a 429");
    }

    [TestMethod]
    [DataRow(RetryAfterMode.Seconds)]
    [DataRow(RetryAfterMode.HttpDate)]
    public async Task Tenant_allowing_10_per_second_with_the_service_set_to_100_completes_every_pause_and_the_pace_comes_down(RetryAfterMode mode)
    {
        await using var harness = await ServiceHarness.StartAsync(Scenario.Florida(60), Scenario.Fast(maxRetries: 4));
        harness.HurricaneOverFlorida();
        var faults = harness.Simulator.State.Faults;
        faults.RetryAfterMode = mode;
        faults.RequestsPerSecond = 10; // Cxone:RequestsPerSecond stays at its default 100
        faults.Burst = 2; // a small bucket, so even a slow machine's first wave of changes meets the limit

        var outcomes = await Scenario.RunCycleConcurrentlyAsync(harness);

        var state = harness.Simulator.State;
        Assert.IsTrue(outcomes.All(o => o == AuditOutcome.Paused), string.Join(", ", outcomes));
        Assert.AreEqual(60, state.StatusChanges);
        Assert.IsTrue(state.Campaigns.All(c => c.Status == CampaignEntity.Paused));
        Assert.IsGreaterThan(0, state.TooManyRequestsCount, "the tenant's limit was met");
        Assert.IsLessThan(100, harness.Get<CampaignRequestPacer>().RequestsPerSecond, "the pace learned the limit");
    }
}
