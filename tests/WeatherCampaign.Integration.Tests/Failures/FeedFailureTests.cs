using CxoneSimulator;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Planning;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Integration.Tests.Failures;

/// <summary>
/// Case 7. Fault: the weather feed is down, or answers HTML, truncated JSON, an empty body, or a 200 carrying an error document.
/// Expected: the cycle plans nothing for that feed — no pause, and no resume of a held campaign the weather seems to have
/// left — and its cycle audit row says which feed failed and why.
/// </summary>
[TestClass]
public sealed class FeedFailureTests
{
    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    /// <summary>A campaign held for two hours under clear skies (a good feed resumes it) and a running one.</summary>
    private static async Task<ServiceHarness> HeldAndRunningAsync()
    {
        var harness = await ServiceHarness.StartAsync(
            [Scenario.Florida("camp-fl-01", CampaignEntity.Paused), Scenario.Florida("camp-fl-02")], Scenario.Fast());
        await Scenario.SeedHeldAsync(harness, "camp-fl-01", DateTimeOffset.UtcNow.AddHours(-2));
        harness.ClearSkies();
        return harness;
    }

    [TestMethod]
    [DataRow(FeedFault.ServerError, "HTTP 500")]
    [DataRow(FeedFault.Html, "HTML")]
    [DataRow(FeedFault.Truncated, "nws")]
    [DataRow(FeedFault.Empty, "empty")]
    [DataRow(FeedFault.ErrorDocument, "neither a FeatureCollection")]
    [DataRow(FeedFault.ProblemDocument, "neither a FeatureCollection")]
    public async Task Broken_feed_plans_nothing_resumes_nothing_and_the_cycle_row_says_why(FeedFault fault, string why)
    {
        await using var harness = await HeldAndRunningAsync();
        harness.Simulator.State.Faults.SetFeedFault("nws", fault);

        var cycle = await harness.Get<PollWeatherHandler>().RunAsync();

        Assert.AreEqual(PlanVerdict.NoData, cycle.Plan.Verdict);
        Assert.IsEmpty(cycle.Messages);
        Assert.AreEqual(0, harness.Simulator.State.PatchCount);
        Assert.AreEqual(HoldState.Held, (await harness.HoldAsync("camp-fl-01"))!.State, "still held, not resumed on no data");
        var rows = await harness.AuditAsync();
        Assert.IsFalse(rows.Any(r => r.Outcome == AuditOutcome.Planned));
        var cycleRow = rows.Single(r => r.Outcome == AuditOutcome.Cycle);
        StringAssert.Contains(cycleRow.Detail, "nws: FAILED");
        StringAssert.Contains(cycleRow.Detail, why);
    }

    [TestMethod]
    public async Task Healthy_empty_feed_resumes_the_same_held_campaign()
    {
        // The control for the case above: with the feed read, the same setup does resume.
        await using var harness = await HeldAndRunningAsync();

        var cycle = await harness.Get<PollWeatherHandler>().RunAsync();

        Assert.AreEqual(PlanVerdict.Planned, cycle.Plan.Verdict);
        Assert.AreEqual(1, cycle.Plan.Resumes);
    }
}
