using CxoneSimulator;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Cli.Tests;

[TestClass]
public sealed class ServiceSwitchCommandTests
{
    [TestMethod]
    public async Task Halt_stops_a_run_keeps_its_messages_and_resume_service_replays_them()
    {
        await using var tenant = await Storm.StartAsync();

        var halt = await tenant.RunAsync("halt", "--reason", "storm drill", "--by", "alice");
        var run = await tenant.RunAsync("run");

        Assert.AreEqual(ExitCodes.Success, halt.ExitCode, halt.ToString());
        StringAssert.Contains(halt.Output, "Halted by alice");
        StringAssert.Contains(run.Output, "paused 0");
        StringAssert.Contains(run.Output, "halted 3 (kept in interventions-halted");
        Assert.AreEqual(CampaignEntity.Running, tenant.StatusOf(Storm.Tampa), "nothing changed while halted");
        var haltedRows = (await SharedAzurite.AuditRowsAsync(TestStorage.Audit, DateTimeOffset.UtcNow)).Where(r => r.Outcome == AuditOutcome.Halted).ToList();
        Assert.HasCount(3, haltedRows);
        StringAssert.Contains(haltedRows[0].Detail, "Halted by alice");

        var resumed = await tenant.RunAsync("resume-service", "--by", "bob");
        StringAssert.Contains(resumed.Output, "Resumed by bob");
        StringAssert.Contains(resumed.Output, "3 message(s) wait in 'interventions-halted'");
        Assert.AreEqual(CampaignEntity.Running, tenant.StatusOf(Storm.Tampa), "resuming the service replays nothing by itself");

        var replay = await tenant.RunAsync("resume-service", "--replay", "--by", "bob");
        Assert.AreEqual(ExitCodes.Success, replay.ExitCode, replay.ToString());
        StringAssert.Contains(replay.Output, "Replayed 3 halted message(s)");
        var queued = (await SharedAzurite.Queues.GetQueueClient(InterventionQueues.Name).PeekMessagesAsync(32)).Value;
        Assert.HasCount(3, queued, "the replayed messages wait for the apply function, checked again like any message");
        Assert.IsEmpty((await SharedAzurite.Queues.GetQueueClient(InterventionQueues.HaltedName).PeekMessagesAsync(32)).Value);
        var actions = (await SharedAzurite.AuditRowsAsync(TestStorage.Audit, DateTimeOffset.UtcNow))
            .Where(r => r.Outcome is AuditOutcome.ServiceHalted or AuditOutcome.ServiceResumed).Select(r => r.Action).Order(StringComparer.Ordinal).ToList();
        CollectionAssert.AreEqual(new[] { "halt", "replay-halted", "resume-service" }, actions, string.Join(", ", actions));
    }

    [TestMethod]
    public async Task Replay_is_refused_while_the_settings_still_halt_the_service()
    {
        await using var tenant = await Storm.StartAsync(s => s["Policy:Halt"] = "true");
        await tenant.RunAsync("run");

        var replay = await tenant.RunAsync("resume-service", "--replay");

        Assert.AreEqual(ExitCodes.Failed, replay.ExitCode, replay.ToString());
        StringAssert.Contains(replay.Output, "Still halted: Policy:Halt is on");
        Assert.HasCount(3, (await SharedAzurite.Queues.GetQueueClient(InterventionQueues.HaltedName).PeekMessagesAsync(32)).Value, "kept, not lost");
    }
}
