using CxoneSimulator;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Cli.Tests;

[TestClass]
public sealed class RunCommandTests
{
    [TestMethod]
    public async Task Run_pauses_the_running_campaigns_under_counting_alerts_and_exits_zero()
    {
        await using var tenant = await Storm.StartAsync();

        var run = await tenant.RunAsync("run");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        foreach (var id in Storm.Paused)
        {
            Assert.AreEqual(CampaignEntity.Paused, tenant.StatusOf(id), id);
        }

        Assert.AreEqual(CampaignEntity.Running, tenant.StatusOf(Storm.Gulf), "a Moderate alert does not count");
        Assert.AreEqual(CampaignEntity.Running, tenant.StatusOf(Storm.Ohio));
        Assert.AreEqual(CampaignEntity.Paused, tenant.StatusOf(Storm.Miami));
        Assert.AreEqual(3, tenant.State.PatchCount);
        StringAssert.Contains(run.Output, "Applying 3 interventions");
        StringAssert.Contains(run.Output, "[3/3]");
        StringAssert.Matches(run.Output, new(@"\[\d/3\] pause\s+-> paused\s+Tampa Bay Collections \(camp-fl-tampa-0001\)"));
        StringAssert.Contains(run.Output, "Done: paused 3, resumed 0, skipped 0, conflicts 0, failed 0.");

        var holds = await TestStorage.Ledger.ListAsync();
        CollectionAssert.AreEquivalent(Storm.Paused, holds.Where(h => h.State == HoldState.Held).Select(h => h.CampaignId).ToList());
        var queue = await SharedAzurite.Queues.GetQueueClient("interventions").GetPropertiesAsync();
        Assert.AreEqual(0, queue.Value.ApproximateMessagesCount, "applied messages are deleted");
    }

    [TestMethod]
    public void Run_applies_as_many_at_once_as_one_Functions_instance_does()
    {
        // The host runs batchSize + newBatchThreshold messages at once; a cycle run by hand should keep the same pace.
        using var hostJson = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(WeatherCampaign.DevTools.AzuriteServer.FindRepositoryRoot(), "host.json")));
        var queues = hostJson.RootElement.GetProperty("extensions").GetProperty("queues");

        var hostInFlight = queues.GetProperty("batchSize").GetInt32() + queues.GetProperty("newBatchThreshold").GetInt32();

        Assert.AreEqual(Commands.RunCommand.DefaultConcurrency, hostInFlight, "host.json and the CLI's run disagree on how many interventions go at once");
    }

    [TestMethod]
    public async Task Run_after_the_weather_clears_resumes_only_what_the_service_paused()
    {
        await using var tenant = await Storm.StartAsync(s => s["Policy:ClearFor"] = "00:00:00");
        Assert.AreEqual(ExitCodes.Success, (await tenant.RunAsync("run")).ExitCode);
        tenant.State.SetFeed("nws", NwsFeed.Empty, NwsFeed.ContentType);

        var run = await tenant.RunAsync("run");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "Done: paused 0, resumed 3");
        foreach (var id in Storm.Paused)
        {
            Assert.AreEqual(CampaignEntity.Running, tenant.StatusOf(id), id);
        }

        Assert.AreEqual(CampaignEntity.Paused, tenant.StatusOf(Storm.Miami), "paused by a person: not ours to resume");
    }

    [TestMethod]
    public async Task Run_exits_non_zero_when_the_platform_refuses_an_intervention()
    {
        await using var tenant = await Storm.StartAsync();
        tenant.State.Faults.FailPathContains = "/campaigns/" + Storm.Boston;
        tenant.State.Faults.FailStatusCode = 400;
        tenant.State.Faults.FailAllRequests = true;

        var run = await tenant.RunAsync("run");

        Assert.AreEqual(ExitCodes.Failed, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "Done: paused 2, resumed 0, skipped 0, conflicts 0, failed 1.");
        StringAssert.Matches(run.Output, new(@"pause\s+-> failed\s+Boston Renewals"));
        Assert.AreEqual(CampaignEntity.Running, tenant.StatusOf(Storm.Boston));
        Assert.AreEqual(CampaignEntity.Paused, tenant.StatusOf(Storm.Tampa));
        var rows = await SharedAzurite.AuditRowsAsync(TestStorage.Audit, DateTimeOffset.UtcNow);
        Assert.IsTrue(rows.Any(r => r.CampaignId == Storm.Boston && r.Outcome == AuditOutcome.Failed), "the refusal is audited");
    }

    [TestMethod]
    public async Task Run_leaves_a_transiently_failing_intervention_on_the_queue_for_a_retry_and_exits_non_zero()
    {
        await using var tenant = await Storm.StartAsync();
        tenant.State.Faults.FailPathContains = "/campaigns/" + Storm.Boston;
        tenant.State.Faults.FailStatusCode = 503;
        tenant.State.Faults.FailAllRequests = true;

        var run = await tenant.RunAsync("run");

        Assert.AreEqual(ExitCodes.Failed, run.ExitCode, run.ToString());
        StringAssert.Matches(run.Output, new(@"pause\s+-> FAILED\s+Boston Renewals \(camp-ma-boston-0004\): .*attempt 1 of 5; left on the queue"));
        StringAssert.Contains(run.Output, "paused 2, resumed 0, skipped 0, conflicts 0, failed 1");
        var queue = await SharedAzurite.Queues.GetQueueClient("interventions").GetPropertiesAsync();
        Assert.AreEqual(1, queue.Value.ApproximateMessagesCount, "the message waits for its retry, as the host leaves it");
    }

    [TestMethod]
    public async Task Run_dry_run_plans_and_changes_nothing()
    {
        await using var tenant = await Storm.StartAsync();

        var run = await tenant.RunAsync("run", "--dry-run");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "(dry run: nothing changed): planned. 3 to pause");
        Assert.AreEqual(0, tenant.State.PatchCount);
        Assert.AreEqual(0, (await TestStorage.Ledger.ListAsync()).Count);
    }

    [TestMethod]
    public async Task A_cycle_over_the_blast_radius_limit_waits_for_approval_and_approve_lets_it_through()
    {
        await using var tenant = await Storm.StartAsync(s => s["Policy:MaxPauseShare"] = "0.5");

        var held = await tenant.RunAsync("run");

        Assert.AreEqual(ExitCodes.Success, held.ExitCode, held.ToString());
        StringAssert.Contains(held.Output, "HELD FOR APPROVAL");
        StringAssert.Contains(held.Output, "run --approve");
        Assert.AreEqual(0, tenant.State.PatchCount);
        Assert.IsTrue((await SharedAzurite.AuditRowsAsync(TestStorage.Audit, DateTimeOffset.UtcNow)).Any(r => r.Outcome == AuditOutcome.HeldForApproval));

        var approved = await tenant.RunAsync("run", "--approve");

        Assert.AreEqual(ExitCodes.Success, approved.ExitCode, approved.ToString());
        StringAssert.Contains(approved.Output, "Done: paused 3");
        foreach (var id in Storm.Paused)
        {
            Assert.AreEqual(CampaignEntity.Paused, tenant.StatusOf(id), id);
        }
    }

    [TestMethod]
    public async Task Run_with_an_unreadable_feed_plans_nothing_and_exits_3()
    {
        await using var tenant = await Storm.StartAsync();
        tenant.State.Faults.SetFeedFault("nws", FeedFault.Html);

        var run = await tenant.RunAsync("run");

        Assert.AreEqual(ExitCodes.NoData, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "NO DATA, nothing planned");
        Assert.AreEqual(0, tenant.State.PatchCount);
    }
}
