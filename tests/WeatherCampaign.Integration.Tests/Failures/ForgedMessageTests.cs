using System.Text.Json;
using CxoneSimulator;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Operations;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Integration.Tests.Failures;

/// <summary>
/// A queue message is not an authority: only what a cycle planned (its planned row) changes a campaign, once. Messages
/// here are written by hand, as an insider with access to the queue or an accident could write them.
/// </summary>
[TestClass]
public sealed class ForgedMessageTests
{
    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    private static async Task<AuditRecord> RowAsync(ServiceHarness harness, AuditOutcome outcome) =>
        (await harness.AuditAsync()).Single(r => r.Outcome == outcome);

    [TestMethod]
    public async Task Pause_of_a_campaign_no_cycle_planned_is_rejected_and_changes_nothing()
    {
        await using var harness = await ServiceHarness.StartAsync([Scenario.Florida("camp-fl-01")], Scenario.Fast());

        var outcome = await harness.Get<ApplyInterventionHandler>().HandleAsync(Scenario.Pause("camp-fl-01").ToJson(), 1);

        Assert.AreEqual(AuditOutcome.Rejected, outcome);
        Assert.AreEqual(0, harness.Simulator.State.PatchCount);
        Assert.IsNull(await harness.HoldAsync("camp-fl-01"), "no intent was written");
        StringAssert.Contains((await RowAsync(harness, AuditOutcome.Rejected)).Detail, "No cycle planned this message");
    }

    [TestMethod]
    public async Task Resume_of_a_campaign_held_under_an_alert_is_rejected_and_the_hold_stands()
    {
        await using var harness = await ServiceHarness.StartAsync([Scenario.Florida("camp-fl-01")], Scenario.Fast());
        harness.HurricaneOverFlorida();
        Assert.AreEqual(AuditOutcome.Paused, (await EndToEndTests.RunCycleThroughQueueAsync(harness)).Single());
        var forged = new InterventionMessage(1, "cycle-x-00001", "cycle-x", "camp-fl-01", "Florida camp-fl-01", "resume",
            new InterventionMessageReason([Scenario.HurricaneId], ["Hurricane Warning"], ["STATE:FL"], "Extreme", null), DateTimeOffset.UtcNow);

        var outcome = await harness.Get<ApplyInterventionHandler>().HandleAsync(forged.ToJson(), 1);

        Assert.AreEqual(AuditOutcome.Rejected, outcome);
        Assert.AreEqual(CampaignEntity.Paused, harness.Simulator.State.Get("camp-fl-01")!.Status);
        Assert.AreEqual(1, harness.Simulator.State.StatusChanges, "only the planned pause");
        Assert.AreEqual(HoldState.Held, (await harness.HoldAsync("camp-fl-01"))!.State);
    }

    [TestMethod]
    public async Task Message_whose_campaign_differs_from_its_planned_row_is_rejected()
    {
        await using var harness = await ServiceHarness.StartAsync(
            [Scenario.Florida("camp-fl-01"), CampaignEntity.Create("camp-tx-01", "Texas", CampaignEntity.Running, "US-TX")], Scenario.Fast());
        harness.HurricaneOverFlorida();
        var planned = (await harness.Get<PollWeatherHandler>().RunAsync()).Messages.Single();
        var redirected = planned.Replace("\"camp-fl-01\"", "\"camp-tx-01\"", StringComparison.Ordinal);
        Assert.AreNotEqual(planned, redirected);

        var outcome = await harness.Get<ApplyInterventionHandler>().HandleAsync(redirected, 1);

        Assert.AreEqual(AuditOutcome.Rejected, outcome);
        Assert.AreEqual(0, harness.Simulator.State.PatchCount);
        StringAssert.Contains((await RowAsync(harness, AuditOutcome.Rejected)).Detail, "(CampaignId)");
    }

    [TestMethod]
    public async Task Message_with_an_over_long_cycle_id_is_rejected_on_reading()
    {
        await using var harness = await ServiceHarness.StartAsync([Scenario.Florida("camp-fl-01")], Scenario.Fast());
        var message = Scenario.Pause("camp-fl-01") with { CycleId = new string('c', InterventionMessage.MaxCycleIdLength + 1) };

        var outcome = await harness.Get<ApplyInterventionHandler>().HandleAsync(message.ToJson(), 1);

        Assert.AreEqual(AuditOutcome.Rejected, outcome);
        Assert.AreEqual(0, harness.Simulator.State.PatchCount);
        StringAssert.Contains((await RowAsync(harness, AuditOutcome.Rejected)).Detail, $"cycleId is {InterventionMessage.MaxCycleIdLength + 1} characters long");
    }

    [TestMethod]
    public async Task Pause_replayed_after_the_campaign_was_resumed_is_rejected()
    {
        await using var harness = await ServiceHarness.StartAsync([Scenario.Florida("camp-fl-01")], Scenario.Fast(more: s => s["Policy:ClearFor"] = "00:00:00"));
        harness.HurricaneOverFlorida();
        var pause = (await harness.Get<PollWeatherHandler>().RunAsync()).Messages.Single();
        CollectionAssert.AreEqual(new[] { AuditOutcome.Paused }, await Scenario.ApplyThroughQueueAsync(harness, [pause]));
        harness.ClearSkies();
        Assert.AreEqual(AuditOutcome.Resumed, (await EndToEndTests.RunCycleThroughQueueAsync(harness)).Single());

        var replayed = await harness.Get<ApplyInterventionHandler>().HandleAsync(pause, 1);

        Assert.AreEqual(AuditOutcome.Rejected, replayed);
        Assert.AreEqual(CampaignEntity.Running, harness.Simulator.State.Get("camp-fl-01")!.Status);
        Assert.AreEqual(2, harness.Simulator.State.StatusChanges, "the pause and the resume, nothing more");
        StringAssert.Contains((await RowAsync(harness, AuditOutcome.Rejected)).Detail, "Replayed: this message was applied already (paused at");
        var plannedRow = (await harness.AuditAsync()).First(r => r.Outcome == AuditOutcome.Planned && r.Action == "pause");
        Assert.AreEqual("paused", plannedRow.AppliedAs, "the planned row records how its message ended");
    }

    [TestMethod]
    public async Task Message_planned_in_a_dry_run_is_rejected()
    {
        await using var harness = await ServiceHarness.StartAsync([Scenario.Florida("camp-fl-01")], Scenario.Fast());
        harness.HurricaneOverFlorida();
        var cycle = await harness.Get<PollWeatherHandler>().RunAsync(new CycleRequest(CycleMode.DryRun));
        Assert.IsEmpty(cycle.Messages, "a dry run enqueues nothing");
        var forged = InterventionMessage.From(cycle.Plan.Interventions.Single()).ToJson();

        var outcome = await harness.Get<ApplyInterventionHandler>().HandleAsync(forged, 1);

        Assert.AreEqual(AuditOutcome.Rejected, outcome);
        Assert.AreEqual(0, harness.Simulator.State.PatchCount);
        StringAssert.Contains((await RowAsync(harness, AuditOutcome.Rejected)).Detail, "in a dry run");
    }

    [TestMethod]
    public async Task Campaign_opted_out_after_planning_is_not_touched_by_an_older_message()
    {
        await using var harness = await ServiceHarness.StartAsync([Scenario.Florida("camp-fl-01")], Scenario.Fast(more: s => s["Policy:OptOutRecheckAfter"] = "00:00:00"));
        harness.HurricaneOverFlorida();
        var message = (await harness.Get<PollWeatherHandler>().RunAsync()).Messages.Single();
        var listed = harness.Simulator.State.Get("camp-fl-01")!;
        harness.Simulator.State.Upsert(listed with
        {
            CustomAttributes = new Dictionary<string, JsonElement>(listed.CustomAttributes!) { ["weather_automation"] = JsonSerializer.SerializeToElement("off") },
        });

        var outcome = await harness.Get<ApplyInterventionHandler>().HandleAsync(message, 1);

        Assert.AreEqual(AuditOutcome.Skipped, outcome);
        Assert.AreEqual(0, harness.Simulator.State.PatchCount);
        Assert.AreEqual(CampaignEntity.Running, harness.Simulator.State.Get("camp-fl-01")!.Status);
        StringAssert.Contains((await RowAsync(harness, AuditOutcome.Skipped)).Detail, "Opted out (weather_automation=off) since it was planned");
    }

    [TestMethod]
    public async Task Operator_halt_stops_a_queued_message_and_a_deliberate_replay_applies_it()
    {
        await using var harness = await ServiceHarness.StartAsync([Scenario.Florida("camp-fl-01")], Scenario.Fast());
        harness.HurricaneOverFlorida();
        var message = (await harness.Get<PollWeatherHandler>().RunAsync()).Messages.Single();
        var control = harness.Get<ServiceSwitch>();
        await control.HaltAsync("alice", "storm drill");

        var halted = await harness.Get<ApplyInterventionHandler>().HandleAsync(message, 1);

        Assert.AreEqual(AuditOutcome.Halted, halted);
        Assert.AreEqual(0, harness.Simulator.State.PatchCount);
        StringAssert.Contains((await RowAsync(harness, AuditOutcome.Halted)).Detail, "Halted by alice");
        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => control.ReplayHaltedAsync("alice"));
        Assert.IsTrue(await control.ResumeAsync("bob"));
        Assert.AreEqual(1, (await control.ReplayHaltedAsync("bob")).Replayed);
        CollectionAssert.AreEqual(new[] { AuditOutcome.Paused }, await Scenario.ApplyThroughQueueAsync(harness, []));
        Assert.AreEqual(CampaignEntity.Paused, harness.Simulator.State.Get("camp-fl-01")!.Status);
    }
}
