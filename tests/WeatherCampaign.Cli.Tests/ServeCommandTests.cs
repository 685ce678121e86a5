using CxoneSimulator;
using Microsoft.Extensions.Configuration;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Cli.Tests;

/// <summary><c>serve</c> runs the timer and the queue listener until cancelled, on the same settings and handlers as the host.</summary>
[TestClass]
public sealed class ServeCommandTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(90);

    private static bool SaidForAll(string text, string outcome) =>
        Storm.Paused.All(id => text.Contains($"on campaign {id}: {outcome}", StringComparison.Ordinal));

    /// <summary>The host's line for each function run that completed (its ledger and audit writes done).</summary>
    private static int Succeeded(string text) => text.Split("ApplyIntervention' (Succeeded").Length - 1;

    [TestMethod]
    public async Task Serve_pauses_under_the_storm_resumes_when_it_clears_and_stops_on_cancellation()
    {
        await using var tenant = await Storm.StartAsync(s =>
        {
            // A poll every second; resumes as soon as the weather is clear (the clear-for rule has its own tests).
            s["FeedPollSchedule"] = "* * * * * *";
            s["Policy:ClearFor"] = "00:00:00";
        });
        using var output = new WatchedWriter();
        using var stop = new CancellationTokenSource();
        var overrides = new ConfigurationBuilder().AddInMemoryCollection(tenant.Settings).Build();

        var serve = CliApp.RunAsync(["serve"], output, overrides, stop.Token);
        await output.WhenAsync(text => SaidForAll(text, "Paused") && Succeeded(text) == 3, Within);
        foreach (var id in Storm.Paused)
        {
            Assert.AreEqual(CampaignEntity.Paused, tenant.StatusOf(id), id);
        }

        tenant.State.SetFeed("nws", NwsFeed.Empty, NwsFeed.ContentType);
        await output.WhenAsync(text => SaidForAll(text, "Resumed") && Succeeded(text) == 6, Within);
        stop.Cancel();
        var exitCode = await serve.WaitAsync(Within);

        Assert.AreEqual(ExitCodes.Success, exitCode, output.Text);
        StringAssert.Contains(output.Text, "Serving: the feed poll on FeedPollSchedule '* * * * * *'");
        StringAssert.Contains(output.Text, "maxDequeueCount 5");
        StringAssert.Contains(output.Text, "Stopped.");
        foreach (var id in Storm.Paused)
        {
            Assert.AreEqual(CampaignEntity.Running, tenant.StatusOf(id), id);
        }

        Assert.AreEqual(CampaignEntity.Paused, tenant.StatusOf(Storm.Miami), "paused by a person: never touched");
        Assert.AreEqual(6, tenant.State.StatusChanges, "three pauses, three resumes, nothing twice");
        var holds = await TestStorage.Ledger.ListAsync();
        Assert.IsTrue(holds.Where(h => Storm.Paused.Contains(h.CampaignId)).All(h => h.State == HoldState.Released));
        var cycles = await TestStorage.Audit.QueryAsync(new AuditQuery(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), Outcome: AuditOutcome.Cycle)).CountAsync();
        Assert.IsGreaterThanOrEqualTo(2, cycles, "the storm's cycle and the clearing's");
        var rows = await TestStorage.Audit.QueryAsync(new AuditQuery(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1))).ToListAsync();
        foreach (var id in Storm.Paused)
        {
            CollectionAssert.AreEquivalent(new[] { AuditOutcome.Planned, AuditOutcome.Paused, AuditOutcome.Planned, AuditOutcome.Resumed },
                rows.Where(r => r.CampaignId == id).Select(r => r.Outcome).ToArray(), id);
        }
    }

    [TestMethod]
    public async Task Serve_with_an_invalid_schedule_exits_2_naming_the_setting()
    {
        await using var tenant = await Storm.StartAsync(s => s["FeedPollSchedule"] = "every 30 seconds");

        var run = await tenant.RunAsync("serve");

        Assert.AreEqual(ExitCodes.InvalidUsage, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "FeedPollSchedule 'every 30 seconds'");
    }
}
