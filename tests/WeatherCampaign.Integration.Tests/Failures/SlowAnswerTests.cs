using CxoneSimulator;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Integration.Tests.Failures;

/// <summary>
/// Case 3. Fault: the tenant applies a status change but answers after the client's attempt timeout (HangNextRequests, ApplyThenHang).
/// Expected: the timeout is transient and retried; the retry's 409 is read back; the campaign changes once and is recorded as paused
/// by the service (so it is resumed later), never as someone else's pause.
/// </summary>
[TestClass]
public sealed class SlowAnswerTests
{
    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    [TestMethod]
    public async Task Pause_answered_after_the_timeout_is_retried_changes_once_and_stays_held_by_the_service()
    {
        await using var harness = await ServiceHarness.StartAsync([Scenario.Florida("camp-fl-01")], Scenario.Fast(maxRetries: 2, attemptTimeout: Scenario.ShortAttempt));
        harness.HurricaneOverFlorida();
        var cycle = await harness.Get<PollWeatherHandler>().RunAsync();
        var faults = harness.Simulator.State.Faults;
        faults.HangMs = 1500;
        faults.ApplyThenHang = true;
        faults.HangNextRequests = 1;

        var outcome = await harness.Get<ApplyInterventionHandler>().HandleAsync(cycle.Messages.Single(), 1);

        var state = harness.Simulator.State;
        Assert.AreEqual(AuditOutcome.Paused, outcome);
        Assert.AreEqual(1, state.StatusChanges, "applied by the slow attempt, not again");
        Assert.AreEqual(2, state.PatchCount, "the slow PATCH, then its retry (answered 409)");
        Assert.AreEqual(CampaignEntity.Paused, state.Get("camp-fl-01")!.Status);
        Assert.AreEqual(HoldState.Held, (await harness.HoldAsync("camp-fl-01"))!.State, "ours, so it is resumed when the weather clears");
        var rows = await harness.AuditAsync();
        Assert.AreEqual(1, rows.Count(r => r.Outcome == AuditOutcome.Paused && r.CampaignId == "camp-fl-01"));
        Assert.AreEqual(0, rows.Count(r => r.Outcome == AuditOutcome.Skipped));
    }

    [TestMethod]
    public async Task Pause_whose_every_attempt_times_out_goes_back_to_the_queue_and_the_redelivery_records_it_once()
    {
        await using var harness = await ServiceHarness.StartAsync([Scenario.Florida("camp-fl-01")], Scenario.Fast(maxRetries: 1, attemptTimeout: Scenario.ShortAttempt));
        harness.HurricaneOverFlorida();
        var cycle = await harness.Get<PollWeatherHandler>().RunAsync();
        var faults = harness.Simulator.State.Faults;
        faults.HangMs = 1500;
        faults.ApplyThenHang = true;
        faults.HangNextRequests = 2;
        var apply = harness.Get<ApplyInterventionHandler>();

        var error = await Assert.ThrowsExactlyAsync<CampaignApiException>(() => apply.HandleAsync(cycle.Messages.Single(), 1));
        var redelivered = await apply.HandleAsync(cycle.Messages.Single(), 2);

        Assert.IsTrue(error.IsTransient, "a timeout is transient: the host retries the message");
        Assert.AreEqual(AuditOutcome.Paused, redelivered);
        Assert.AreEqual(1, harness.Simulator.State.StatusChanges);
        Assert.AreEqual(HoldState.Held, (await harness.HoldAsync("camp-fl-01"))!.State);
        var rows = await harness.AuditAsync();
        Assert.AreEqual(1, rows.Count(r => r.Outcome == AuditOutcome.Paused), "the pause is in the audit trail once");
    }

    [TestMethod]
    public async Task Resume_answered_after_the_timeout_is_retried_changes_once_and_releases_the_hold()
    {
        // The pipeline's timeouts run on the service's clock, so this test keeps the real one and seeds an old hold instead.
        await using var harness = await ServiceHarness.StartAsync([Scenario.Florida("camp-fl-01", CampaignEntity.Paused)], Scenario.Fast(maxRetries: 2, attemptTimeout: Scenario.ShortAttempt));
        await Scenario.SeedHeldAsync(harness, "camp-fl-01", DateTimeOffset.UtcNow.AddHours(-2));
        harness.ClearSkies();
        var cycle = await harness.Get<PollWeatherHandler>().RunAsync();
        var faults = harness.Simulator.State.Faults;
        faults.HangMs = 1500;
        faults.ApplyThenHang = true;
        faults.HangNextRequests = 1;

        var outcome = await harness.Get<ApplyInterventionHandler>().HandleAsync(cycle.Messages.Single(), 1);

        Assert.AreEqual(AuditOutcome.Resumed, outcome);
        Assert.AreEqual(1, harness.Simulator.State.StatusChanges);
        Assert.AreEqual(CampaignEntity.Running, harness.Simulator.State.Get("camp-fl-01")!.Status);
        Assert.AreEqual(HoldState.Released, (await harness.HoldAsync("camp-fl-01"))!.State, "not 'overridden by a person'");
    }
}
