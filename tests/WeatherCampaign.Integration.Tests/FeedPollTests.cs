using CxoneSimulator;
using Microsoft.Extensions.Time.Testing;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;
using WeatherCampaign.Integration.Tests.Failures;

namespace WeatherCampaign.Integration.Tests;

/// <summary>
/// The timer's feed poll against the simulator and Azurite: it lists campaigns only when the alerts changed, a hold's
/// clear-for may be over, or PollSchedule came round; otherwise it ends after the feeds with no audit row.
/// </summary>
[TestClass]
public sealed class FeedPollTests
{
    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    /// <summary>A clock just after a PollSchedule moment (every 5 minutes), so the next one is minutes away.</summary>
    private static FakeTimeProvider ClockAfterAScheduledCycle()
    {
        var now = DateTimeOffset.UtcNow;
        return new FakeTimeProvider(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute / 5 * 5, 1, TimeSpan.Zero));
    }

    private static int Listings(ServiceHarness harness) => harness.Simulator.State.Requests.Count(r => r.Endpoint == SimulatorEndpoint.ListCampaigns);

    [TestMethod]
    public async Task Unchanged_alerts_list_no_campaign_and_write_no_audit_row_and_a_new_warning_is_planned_at_the_next_poll()
    {
        var clock = ClockAfterAScheduledCycle();
        await using var harness = await ServiceHarness.StartAsync(Scenario.Florida(2), time: clock);
        harness.ClearSkies();
        var poll = harness.Get<PollWeatherHandler>();

        var first = await poll.PollAsync();
        Assert.AreEqual(FullCycleReason.NoEarlierCycle, first.Reason);
        var listings = Listings(harness);
        var rows = (await harness.AuditAsync()).Count;

        clock.Advance(TimeSpan.FromSeconds(30));
        var light = await poll.PollAsync();

        Assert.IsNull(light.Reason);
        Assert.IsNull(light.Cycle);
        Assert.IsEmpty(light.Messages);
        Assert.AreEqual(listings, Listings(harness), "no campaign listed");
        Assert.HasCount(rows, await harness.AuditAsync(), "no audit row for a poll that found nothing new");
        Assert.AreEqual(1, (await harness.Get<HoldLedger>().GetPollStateAsync())!.LightPollsSinceFullCycle);

        harness.HurricaneOverFlorida();
        clock.Advance(TimeSpan.FromSeconds(30));
        var warned = await poll.PollAsync();

        Assert.AreEqual(FullCycleReason.AlertsChanged, warned.Reason);
        Assert.HasCount(2, warned.Messages, "both Florida campaigns planned to pause");
        var cycleRow = (await harness.AuditAsync()).Single(r => r.Outcome == AuditOutcome.Cycle && r.CycleId == warned.Cycle!.Plan.CycleId);
        StringAssert.Contains(cycleRow.Detail, "Ran because the alerts changed.");
    }

    [TestMethod]
    public async Task The_poll_state_outlives_the_instance_so_a_new_one_polls_lightly()
    {
        var clock = ClockAfterAScheduledCycle();
        await using (var first = await ServiceHarness.StartAsync(Scenario.Florida(2), time: clock))
        {
            first.HurricaneOverFlorida();
            Assert.AreEqual(FullCycleReason.NoEarlierCycle, (await first.Get<PollWeatherHandler>().PollAsync()).Reason);
        }

        clock.Advance(TimeSpan.FromSeconds(30));
        await using var recycled = await ServiceHarness.StartAsync(Scenario.Florida(2), time: clock);
        recycled.HurricaneOverFlorida();
        var poll = await recycled.Get<PollWeatherHandler>().PollAsync();

        Assert.IsNull(poll.Reason, "the same alerts as the last full cycle, remembered in the ledger's table");
        Assert.AreEqual(0, Listings(recycled));
    }

    [TestMethod]
    public async Task A_held_campaign_whose_clear_for_elapses_between_polls_is_resumed_by_the_next_one()
    {
        var clock = ClockAfterAScheduledCycle();
        await using var harness = await ServiceHarness.StartAsync([Scenario.Florida("camp-fl-01", CampaignEntity.Paused)], time: clock);
        harness.ClearSkies();
        // Clear for 30 minutes (Policy:ClearFor) 20 s after the first poll.
        await Scenario.SeedHeldAsync(harness, "camp-fl-01", clock.GetUtcNow() - TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(20));
        var poll = harness.Get<PollWeatherHandler>();

        var first = await poll.PollAsync();
        Assert.IsEmpty(first.Messages, "not clear for long enough yet");

        clock.Advance(TimeSpan.FromSeconds(30));
        var second = await poll.PollAsync();

        Assert.AreEqual(FullCycleReason.ClearForElapsed, second.Reason);
        Assert.AreEqual("resume", InterventionMessage.Parse(second.Messages.Single()).Action);
    }

    [TestMethod]
    public async Task PollSchedule_coming_round_lists_the_campaigns_even_with_the_same_alerts()
    {
        var clock = ClockAfterAScheduledCycle();
        await using var harness = await ServiceHarness.StartAsync(Scenario.Florida(1), time: clock);
        harness.ClearSkies();
        var poll = harness.Get<PollWeatherHandler>();
        await poll.PollAsync();
        var listings = Listings(harness);

        clock.Advance(TimeSpan.FromMinutes(5));
        var scheduled = await poll.PollAsync();

        Assert.AreEqual(FullCycleReason.Scheduled, scheduled.Reason);
        Assert.AreEqual(listings + 1, Listings(harness));
    }

    [TestMethod]
    public async Task A_failed_listing_leaves_the_next_poll_to_try_again()
    {
        var clock = ClockAfterAScheduledCycle();
        await using var harness = await ServiceHarness.StartAsync(Scenario.Florida(1), Scenario.Fast(maxRetries: 0), time: clock);
        harness.HurricaneOverFlorida();
        harness.Simulator.State.Faults.FailListingPage = 1;
        var poll = harness.Get<PollWeatherHandler>();

        var failed = await poll.PollAsync();
        Assert.IsEmpty(failed.Messages, "the listing failed: nothing planned");

        harness.Simulator.State.Faults.FailListingPage = 0;
        clock.Advance(TimeSpan.FromSeconds(30));
        var retried = await poll.PollAsync();

        Assert.AreEqual(FullCycleReason.NoEarlierCycle, retried.Reason);
        Assert.HasCount(1, retried.Messages);
    }
}
