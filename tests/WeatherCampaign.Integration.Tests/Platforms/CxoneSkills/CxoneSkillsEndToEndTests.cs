using CxoneSimulator.CxoneAdmin;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Integration.Tests.Platforms.CxoneSkills;

/// <summary>The whole flow with <c>Platform:Kind=cxone-skills</c>: plan → queue → handler → the simulator's skills, ledger and audit rows.</summary>
[TestClass]
public sealed class CxoneSkillsEndToEndTests
{
    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    [TestMethod]
    public async Task A_storm_stops_the_skills_in_its_path_and_clearing_starts_only_those_again()
    {
        var clock = ServiceHarness.Clock();
        await using var harness = await SkillsTenant.StartAsync(
        [
            AdminSkill.Dialer(101, "Florida Renewals", notes: "region=US-FL"),
            AdminSkill.Dialer(102, "Northeast Outreach [US-NE]"),
            AdminSkill.Dialer(103, "Florida Winback [US-FL]", running: false),
            AdminSkill.Dialer(104, "Florida VIP [US-FL] [weather:off]"),
            AdminSkill.Dialer(105, "Texas Retention [US-TX]"),
            AdminSkill.Inbound(201, "Florida Inbound [US-FL]"),
        ], time: clock);
        var admin = harness.Simulator.State.CxoneAdmin;
        harness.Simulator.State.SetFeed("nws", NwsFeed.With(NwsAlert.Hurricane("FLZ172"), NwsAlert.Blizzard("NYZ072")), NwsFeed.ContentType);

        var first = await EndToEndTests.RunCycleThroughQueueAsync(harness);

        CollectionAssert.AreEquivalent(new[] { AuditOutcome.Paused, AuditOutcome.Paused }, first);
        Assert.IsFalse(admin.Get(101)!.IsRunning);
        Assert.IsFalse(admin.Get(102)!.IsRunning);
        Assert.IsTrue(admin.Get(104)!.IsRunning, "opted out");
        Assert.IsTrue(admin.Get(105)!.IsRunning);
        Assert.IsTrue(admin.Get(201)!.IsRunning, "inbound: never ours");
        var holds = await harness.Get<HoldLedger>().ListAsync();
        CollectionAssert.AreEquivalent(new[] { "101", "102" }, holds.Where(h => h.State == HoldState.Held).Select(h => h.CampaignId).ToArray());

        harness.Simulator.State.SetFeed("nws", NwsFeed.Empty, NwsFeed.ContentType);
        clock.Advance(TimeSpan.FromMinutes(31));
        var second = await EndToEndTests.RunCycleThroughQueueAsync(harness);

        CollectionAssert.AreEquivalent(new[] { AuditOutcome.Resumed, AuditOutcome.Resumed }, second);
        Assert.IsTrue(admin.Get(101)!.IsRunning);
        Assert.IsTrue(admin.Get(102)!.IsRunning);
        Assert.IsFalse(admin.Get(103)!.IsRunning, "stopped by a person; never ours to start");
        Assert.AreEqual(4, admin.StatusChanges);
        Assert.AreEqual(0, admin.ForcedRequests);
        var rows = await EndToEndTests.ReadAuditAsync(harness, clock);
        var pause = rows.Single(r => r.Outcome == AuditOutcome.Paused && r.CampaignId == "101");
        Assert.AreEqual("Florida Renewals", pause.CampaignName);
        var text = string.Join('\n', harness.Logs.Lines) + string.Join('\n', rows.Select(r => r.Detail));
        Assert.IsFalse(SkillsTenant.Secrets.Any(secret => text.Contains(secret, StringComparison.Ordinal)));
    }
}
