using CxoneSimulator;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Cli.Tests;

[TestClass]
public sealed class HoldsCommandTests
{
    [TestMethod]
    public async Task Holds_lists_the_campaigns_the_service_holds_and_why()
    {
        await using var tenant = await Storm.StartAsync();
        await tenant.RunAsync("run");

        var run = await tenant.RunAsync("holds");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        StringAssert.Matches(run.Row(Storm.Tampa), new(@"Tampa Bay Collections\s+camp-fl-tampa-0001\s+held\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+.*Hurricane Warning \(Extreme\) in UGC:FLZ151"));
        StringAssert.Contains(run.Row(Storm.Boston), "Blizzard Warning (Severe)");
        Assert.IsFalse(run.Output.Contains(Storm.Miami, StringComparison.Ordinal), "a campaign a person paused is not the service's hold");
        StringAssert.Contains(run.Output, "3 campaigns held by the service; 0 with a manual hold.");
    }

    [TestMethod]
    public async Task Holds_add_sets_the_manual_reason_and_writes_an_audit_row()
    {
        await using var tenant = await Storm.StartAsync();
        await tenant.RunAsync("run");

        var run = await tenant.RunAsync("holds", "add", Storm.Tampa, "--reason", "Tampa site closed after storm damage", "--by", "alice");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        var hold = await TestStorage.Ledger.GetAsync(Storm.Tampa);
        Assert.AreEqual("Tampa site closed after storm damage", hold?.ManualHoldReason);
        Assert.AreEqual(HoldState.Held, hold?.State);
        var row = (await SharedAzurite.AuditRowsAsync(TestStorage.Audit, DateTimeOffset.UtcNow)).Single(r => r.Outcome == AuditOutcome.ManualHold);
        Assert.AreEqual(Storm.Tampa, row.CampaignId);
        Assert.AreEqual("Tampa Bay Collections", row.CampaignName);
        StringAssert.Contains(row.Detail, "by alice: Tampa site closed after storm damage");
        StringAssert.Contains((await tenant.RunAsync("holds")).Row(Storm.Tampa), "Tampa site closed after storm damage");
    }

    [TestMethod]
    public async Task A_manually_held_campaign_is_not_resumed_by_a_later_run()
    {
        await using var tenant = await Storm.StartAsync(s => s["Policy:ClearFor"] = "00:00:00");
        await tenant.RunAsync("run");
        await tenant.RunAsync("holds", "add", Storm.Tampa, "--reason", "Site closed");
        tenant.State.SetFeed("nws", NwsFeed.Empty, NwsFeed.ContentType);

        var plan = await tenant.RunAsync("plan");
        var run = await tenant.RunAsync("run");

        StringAssert.Contains(plan.Row(Storm.Tampa), "held by an operator: Site closed");
        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "Done: paused 0, resumed 2");
        Assert.AreEqual(CampaignEntity.Paused, tenant.StatusOf(Storm.Tampa));
        Assert.AreEqual(CampaignEntity.Running, tenant.StatusOf(Storm.Florida));
        Assert.AreEqual(CampaignEntity.Running, tenant.StatusOf(Storm.Boston));
    }

    [TestMethod]
    public async Task Holds_release_clears_the_reason_writes_an_audit_row_and_the_next_run_resumes()
    {
        await using var tenant = await Storm.StartAsync(s => s["Policy:ClearFor"] = "00:00:00");
        await tenant.RunAsync("run");
        await tenant.RunAsync("holds", "add", Storm.Tampa, "--reason", "Site closed");
        tenant.State.SetFeed("nws", NwsFeed.Empty, NwsFeed.ContentType);
        await tenant.RunAsync("run");

        var release = await tenant.RunAsync("holds", "release", Storm.Tampa, "--by", "bob");
        var run = await tenant.RunAsync("run");

        Assert.AreEqual(ExitCodes.Success, release.ExitCode, release.ToString());
        StringAssert.Contains(release.Output, "Manual hold released on camp-fl-tampa-0001");
        var row = (await SharedAzurite.AuditRowsAsync(TestStorage.Audit, DateTimeOffset.UtcNow)).Single(r => r.Outcome == AuditOutcome.ManualRelease);
        StringAssert.Contains(row.Detail, "released by bob (was: Site closed)");
        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "Done: paused 0, resumed 1");
        Assert.AreEqual(CampaignEntity.Running, tenant.StatusOf(Storm.Tampa));
        var hold = await TestStorage.Ledger.GetAsync(Storm.Tampa);
        Assert.IsNull(hold?.ManualHoldReason);
        Assert.AreEqual(HoldState.Released, hold?.State);
    }

    [TestMethod]
    public async Task A_manual_hold_set_before_the_storm_carries_to_the_weather_pause()
    {
        await using var tenant = await Storm.StartAsync(s => s["Policy:ClearFor"] = "00:00:00");

        var add = await tenant.RunAsync("holds", "add", Storm.Tampa, "--reason", "Keep paused after any storm");
        var storm = await tenant.RunAsync("run");
        tenant.State.SetFeed("nws", NwsFeed.Empty, NwsFeed.ContentType);
        var cleared = await tenant.RunAsync("run");

        Assert.AreEqual(ExitCodes.Success, add.ExitCode, add.ToString());
        StringAssert.Contains(add.Output, "The service does not hold it now");
        StringAssert.Contains(storm.Output, "Done: paused 3");
        StringAssert.Contains(cleared.Output, "Done: paused 0, resumed 2");
        Assert.AreEqual(CampaignEntity.Paused, tenant.StatusOf(Storm.Tampa));
        Assert.AreEqual("Keep paused after any storm", (await TestStorage.Ledger.GetAsync(Storm.Tampa))?.ManualHoldReason);
    }

    [TestMethod]
    public async Task Holds_add_refuses_an_unsafe_campaign_id_before_touching_anything()
    {
        await using var tenant = await Storm.StartAsync();

        var run = await tenant.RunAsync("holds", "add", "../camp-1", "--reason", "x");

        Assert.AreEqual(ExitCodes.InvalidUsage, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "campaignId: the id contains '..'");
        Assert.AreEqual(0, (await TestStorage.Ledger.ListAsync()).Count);
        Assert.AreEqual(0, tenant.State.Requests.Count);
    }

    [TestMethod]
    public async Task Holds_add_refuses_a_campaign_the_tenant_does_not_have()
    {
        await using var tenant = await Storm.StartAsync();

        var run = await tenant.RunAsync("holds", "add", "camp-does-not-exist", "--reason", "x");

        Assert.AreEqual(ExitCodes.Failed, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "No campaign 'camp-does-not-exist' on the tenant; nothing changed.");
        Assert.AreEqual(0, (await TestStorage.Ledger.ListAsync()).Count);
    }

    [TestMethod]
    public async Task Holds_release_without_a_manual_hold_changes_nothing()
    {
        await using var tenant = await Storm.StartAsync();

        var run = await tenant.RunAsync("holds", "release", Storm.Ohio);

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "has no manual hold; nothing changed");
        Assert.IsFalse((await SharedAzurite.AuditRowsAsync(TestStorage.Audit, DateTimeOffset.UtcNow)).Any(r => r.Outcome == AuditOutcome.ManualRelease));
    }
}
