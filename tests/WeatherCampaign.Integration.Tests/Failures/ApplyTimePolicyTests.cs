using CxoneSimulator;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Integration.Tests.Failures;

/// <summary>What the settings say when a queued message is applied, not only when it was planned: the kill switch, age and exclusions.</summary>
[TestClass]
public sealed class ApplyTimePolicyTests
{
    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    private static CampaignEntity[] Campaigns() => [CampaignEntity.Create("camp-fl-1", "Florida One", CampaignEntity.Running, "US-FL")];

    private static string Pause(DateTimeOffset plannedAt) =>
        new InterventionMessage(1, "cycle-1-00001", "cycle-1", "camp-fl-1", "Florida One", "pause",
            new InterventionMessageReason(["hurricane-1"], ["Hurricane Warning"], ["STATE:FL"], "Extreme", null), plannedAt).ToJson();

    private static async Task<AuditRecord> OnlyRowAsync(ServiceHarness harness) =>
        (await EndToEndTests.ReadAuditAsync(harness, TimeProvider.System)).Single(r => r.Outcome != AuditOutcome.Planned);

    [TestMethod]
    [DataRow("Policy:Halt", "true", "Policy:Halt is on")]
    [DataRow("Policy:Mode", "DryRun", "Policy:Mode is DryRun")]
    public async Task Kill_switch_turned_on_after_planning_stops_a_queued_message_and_keeps_it(string setting, string value, string why)
    {
        await using var harness = await ServiceHarness.StartAsync(Campaigns());
        var message = Pause(DateTimeOffset.UtcNow);
        harness.Configuration[setting] = value;
        harness.Configuration.Reload();

        var outcome = await harness.HandlePlannedAsync(message, 1);

        Assert.AreEqual(AuditOutcome.Halted, outcome);
        Assert.AreEqual(0, harness.Simulator.State.PatchCount, "nothing was changed");
        var row = await OnlyRowAsync(harness);
        Assert.AreEqual(AuditOutcome.Halted, row.Outcome);
        StringAssert.Contains(row.Detail, why);
        var kept = (await harness.Get<StorageClients>().Queue(InterventionQueues.HaltedName).ReceiveMessageAsync()).Value;
        Assert.AreEqual(message, kept.Body.ToString(), "the message is kept whole, to replay deliberately");
    }

    [TestMethod]
    public async Task Message_older_than_the_maximum_age_is_stale_and_never_applied()
    {
        await using var harness = await ServiceHarness.StartAsync(Campaigns(), s => s["Policy:MaxMessageAge"] = "01:00:00");

        var outcome = await harness.HandlePlannedAsync(Pause(DateTimeOffset.UtcNow.AddHours(-2)), 3);

        Assert.AreEqual(AuditOutcome.Stale, outcome);
        Assert.AreEqual(0, harness.Simulator.State.PatchCount);
        StringAssert.Contains((await OnlyRowAsync(harness)).Detail, "Policy:MaxMessageAge");
    }

    [TestMethod]
    public async Task Message_planned_in_the_future_is_rejected_as_one_no_cycle_wrote()
    {
        await using var harness = await ServiceHarness.StartAsync(Campaigns());

        var outcome = await harness.HandlePlannedAsync(Pause(DateTimeOffset.UtcNow.AddDays(3)), 1);

        Assert.AreEqual(AuditOutcome.Rejected, outcome);
        Assert.AreEqual(0, harness.Simulator.State.PatchCount);
        Assert.IsNull(await harness.Get<HoldLedger>().GetAsync("camp-fl-1"), "no intent was written either");
    }

    [TestMethod]
    public async Task Campaign_excluded_after_planning_is_not_touched_by_its_queued_message()
    {
        await using var harness = await ServiceHarness.StartAsync(Campaigns());
        var message = Pause(DateTimeOffset.UtcNow);
        harness.Configuration["Policy:ExcludedCampaigns:0"] = "camp-fl-1";
        harness.Configuration.Reload();

        var outcome = await harness.HandlePlannedAsync(message, 1);

        Assert.AreEqual(AuditOutcome.Skipped, outcome);
        Assert.AreEqual(0, harness.Simulator.State.PatchCount);
        StringAssert.Contains((await OnlyRowAsync(harness)).Detail, "Policy:ExcludedCampaigns");
    }
}
