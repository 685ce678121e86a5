using CxoneSimulator;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Integration.Tests.Failures;

/// <summary>
/// Case 5. Fault: a person changes or deletes the campaign between the cycle's plan and the queue handler's PATCH.
/// Expected: the 409 is read back — a skip when it is already as wanted, a conflict row otherwise — and nothing is forced;
/// a deleted campaign (404) gets a gone row and its message is completed.
/// </summary>
[TestClass]
public sealed class PersonChangedCampaignTests
{
    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    private static async Task<(ServiceHarness Harness, IReadOnlyList<string> Messages)> PlannedPauseAsync()
    {
        var harness = await ServiceHarness.StartAsync([Scenario.Florida("camp-fl-01")], Scenario.Fast());
        harness.HurricaneOverFlorida();
        var cycle = await harness.Get<PollWeatherHandler>().RunAsync();
        Assert.HasCount(1, cycle.Messages);
        return (harness, cycle.Messages);
    }

    [TestMethod]
    public async Task Campaign_a_person_paused_after_the_plan_is_skipped_and_not_claimed()
    {
        var (harness, messages) = await PlannedPauseAsync();
        await using var _ = harness;
        harness.Simulator.State.SetStatusAsPerson("camp-fl-01", CampaignEntity.Paused);

        var outcomes = await Scenario.ApplyThroughQueueAsync(harness, messages);

        CollectionAssert.AreEqual(new[] { AuditOutcome.Skipped }, outcomes);
        Assert.AreEqual(0, harness.Simulator.State.StatusChanges);
        Assert.AreEqual(1, harness.Simulator.State.PatchCount, "asked once, answered 409, read back, not asked again");
        Assert.AreEqual(HoldState.Ended, (await harness.HoldAsync("camp-fl-01"))!.State, "a person's pause is not ours to resume");
        var row = (await harness.AuditAsync()).Single(r => r.Outcome == AuditOutcome.Skipped);
        Assert.AreEqual("paused", row.CampaignStatus);
    }

    [TestMethod]
    [DataRow(CampaignEntity.Draft)]
    [DataRow(CampaignEntity.Completed)]
    public async Task Campaign_a_person_moved_to_a_status_we_must_not_force_gets_a_conflict_row(string status)
    {
        var (harness, messages) = await PlannedPauseAsync();
        await using var _ = harness;
        harness.Simulator.State.SetStatusAsPerson("camp-fl-01", status);

        var outcomes = await Scenario.ApplyThroughQueueAsync(harness, messages);

        CollectionAssert.AreEqual(new[] { AuditOutcome.Conflict }, outcomes);
        Assert.AreEqual(status, harness.Simulator.State.Get("camp-fl-01")!.Status, "never forced");
        Assert.AreEqual(1, harness.Simulator.State.PatchCount);
        var row = (await harness.AuditAsync()).Single(r => r.Outcome == AuditOutcome.Conflict);
        Assert.AreEqual(status, row.CampaignStatus);
        Assert.AreEqual(HoldState.Ended, (await harness.HoldAsync("camp-fl-01"))!.State);
    }

    [TestMethod]
    public async Task Campaign_deleted_after_the_plan_gets_a_gone_row_and_its_message_is_completed()
    {
        var (harness, messages) = await PlannedPauseAsync();
        await using var _ = harness;
        harness.Simulator.State.Delete("camp-fl-01");

        var outcomes = await Scenario.ApplyThroughQueueAsync(harness, messages);

        CollectionAssert.AreEqual(new[] { AuditOutcome.Gone }, outcomes);
        Assert.AreEqual(0, await Scenario.QueueLengthAsync(InterventionQueues.Name), "completed, not retried");
        Assert.AreEqual(1, (await harness.AuditAsync()).Count(r => r.Outcome == AuditOutcome.Gone && r.CampaignId == "camp-fl-01"));
        Assert.AreEqual(HoldState.Ended, (await harness.HoldAsync("camp-fl-01"))!.State);
    }

    [TestMethod]
    public async Task Held_campaign_a_person_resumed_before_our_resume_is_skipped_and_the_hold_overridden()
    {
        await using var harness = await ServiceHarness.StartAsync([Scenario.Florida("camp-fl-01", CampaignEntity.Paused)], Scenario.Fast());
        await Scenario.SeedHeldAsync(harness, "camp-fl-01", DateTimeOffset.UtcNow.AddHours(-2));
        harness.ClearSkies();
        var cycle = await harness.Get<PollWeatherHandler>().RunAsync();
        harness.Simulator.State.SetStatusAsPerson("camp-fl-01", CampaignEntity.Running);

        var outcomes = await Scenario.ApplyThroughQueueAsync(harness, cycle.Messages);

        CollectionAssert.AreEqual(new[] { AuditOutcome.Skipped }, outcomes);
        Assert.AreEqual(0, harness.Simulator.State.StatusChanges);
        Assert.AreEqual(HoldState.Overridden, (await harness.HoldAsync("camp-fl-01"))!.State);
    }
}
