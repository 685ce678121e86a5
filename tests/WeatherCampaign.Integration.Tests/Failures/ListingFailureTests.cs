using CxoneSimulator;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Planning;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Integration.Tests.Failures;

/// <summary>
/// Case 8. Fault: the campaign listing fails on page k of n, or grows while it is read (its pageCount changes).
/// Expected: no action on partial data — nothing paused, nothing resumed, no hold ended for a campaign the partial
/// listing did not show — and the cycle row says the listing could not be read completely.
/// </summary>
[TestClass]
public sealed class ListingFailureTests
{
    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    /// <summary>120 running campaigns under the hurricane (3 pages of 50), and one the service holds, listed on the last page.</summary>
    private static async Task<ServiceHarness> ThreePagesAsync()
    {
        var campaigns = Scenario.Florida(119).Append(Scenario.Florida("camp-fl-zz", CampaignEntity.Paused));
        var harness = await ServiceHarness.StartAsync(campaigns, Scenario.Fast(maxRetries: 1, s => s["Cxone:PageSize"] = "50"));
        await Scenario.SeedHeldAsync(harness, "camp-fl-zz", DateTimeOffset.UtcNow.AddHours(-2));
        harness.HurricaneOverFlorida();
        return harness;
    }

    private static async Task AssertNothingDoneAsync(ServiceHarness harness, CycleResult cycle)
    {
        Assert.AreEqual(PlanVerdict.NoData, cycle.Plan.Verdict);
        Assert.IsEmpty(cycle.Messages);
        Assert.AreEqual(0, harness.Simulator.State.PatchCount);
        Assert.AreEqual(HoldState.Held, (await harness.HoldAsync("camp-fl-zz"))!.State, "not ended for being missing from a partial listing");
        var rows = await harness.AuditAsync();
        Assert.IsFalse(rows.Any(r => r.Outcome == AuditOutcome.Planned));
        StringAssert.Contains(rows.Single(r => r.Outcome == AuditOutcome.Cycle).Detail, "listing could not be read completely");
    }

    [TestMethod]
    public async Task Listing_failing_on_page_2_of_3_plans_nothing()
    {
        await using var harness = await ThreePagesAsync();
        harness.Simulator.State.Faults.FailListingPage = 2;

        var cycle = await harness.Get<PollWeatherHandler>().RunAsync();

        await AssertNothingDoneAsync(harness, cycle);
        Assert.IsTrue(harness.Simulator.State.Requests.Any(r => r.RawTarget.Contains("page=2&", StringComparison.Ordinal) && r.StatusCode == 500));
    }

    [TestMethod]
    public async Task Listing_whose_page_count_changes_while_it_is_read_plans_nothing()
    {
        await using var harness = await ThreePagesAsync();
        harness.Simulator.State.Faults.GrowBy = 40; // 120 → 160 campaigns: 3 → 4 pages after page 1 was served
        harness.Simulator.State.Faults.GrowListingAfterPage = 1;

        var cycle = await harness.Get<PollWeatherHandler>().RunAsync();

        await AssertNothingDoneAsync(harness, cycle);
        StringAssert.Contains(cycle.Plan.Reason, "changed while it was read");
    }

    [TestMethod]
    public async Task Complete_three_page_listing_plans_every_running_campaign()
    {
        // The control: the same setup without a fault pauses all 119 running campaigns.
        await using var harness = await ThreePagesAsync();

        var cycle = await harness.Get<PollWeatherHandler>().RunAsync(new CycleRequest(ApproveLargeCycle: true));

        Assert.AreEqual(119, cycle.Plan.Pauses);
    }
}
