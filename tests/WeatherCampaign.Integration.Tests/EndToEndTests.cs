using System.Text;
using Azure.Storage.Queues;
using CxoneSimulator;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Integration.Tests;

/// <summary>The whole flow through the real queue: plan → interventions (Base64) → handler → simulator state, ledger and audit rows.</summary>
[TestClass]
public sealed class EndToEndTests
{
    private static CampaignEntity[] Campaigns() =>
    [
        CampaignEntity.Create("camp-ne-1", "Northeast Outreach", CampaignEntity.Running, "US-NE", "America/New_York"),
        CampaignEntity.Create("camp-fl-1", "Florida Renewals", CampaignEntity.Running, "US-FL", "America/New_York"),
        CampaignEntity.Create("camp-fl-2", "Florida Winback", CampaignEntity.Paused, "US-FL", "America/New_York"),
        CampaignEntity.Create("camp-fl-3", "Florida Draft", CampaignEntity.Draft, "US-FL", "America/New_York"),
        CampaignEntity.Create("camp-tx-1", "Texas Retention", CampaignEntity.Running, "US-TX", "America/Chicago"),
    ];

    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    [TestMethod]
    public async Task Pauses_warned_campaigns_then_resumes_only_its_own_when_the_weather_clears()
    {
        var clock = ServiceHarness.Clock();
        await using var harness = await ServiceHarness.StartAsync(Campaigns(), time: clock);
        harness.Simulator.State.SetFeed("nws", NwsFeed.With(
            NwsAlert.Warning("urn:oid:2.49.0.1.840.0.hurricane", "Hurricane Warning", "FLZ172", "FLZ173"),
            NwsAlert.Warning("urn:oid:2.49.0.1.840.0.blizzard", "Blizzard Warning", "NYZ072")), NwsFeed.ContentType);

        var first = await RunCycleThroughQueueAsync(harness);

        CollectionAssert.AreEquivalent(new[] { "paused", "paused" }, first.Select(o => o.ToWire()).ToArray());
        Assert.AreEqual("paused", harness.Simulator.State.Get("camp-ne-1")!.Status);
        Assert.AreEqual("paused", harness.Simulator.State.Get("camp-fl-1")!.Status);
        Assert.AreEqual("paused", harness.Simulator.State.Get("camp-fl-2")!.Status, "paused by a person; untouched");
        Assert.AreEqual("draft", harness.Simulator.State.Get("camp-fl-3")!.Status);
        Assert.AreEqual("running", harness.Simulator.State.Get("camp-tx-1")!.Status);
        var holds = await harness.Get<HoldLedger>().ListAsync();
        CollectionAssert.AreEquivalent(new[] { "camp-ne-1", "camp-fl-1" }, holds.Where(h => h.State == HoldState.Held).Select(h => h.CampaignId).ToArray());

        harness.Simulator.State.SetFeed("nws", NwsFeed.Empty, NwsFeed.ContentType);
        clock.Advance(TimeSpan.FromMinutes(31));
        var second = await RunCycleThroughQueueAsync(harness);

        CollectionAssert.AreEquivalent(new[] { "resumed", "resumed" }, second.Select(o => o.ToWire()).ToArray());
        Assert.AreEqual("running", harness.Simulator.State.Get("camp-ne-1")!.Status);
        Assert.AreEqual("running", harness.Simulator.State.Get("camp-fl-1")!.Status);
        Assert.AreEqual("paused", harness.Simulator.State.Get("camp-fl-2")!.Status, "never ours to resume");
        Assert.AreEqual(4, harness.Simulator.State.StatusChanges);

        var rows = await ReadAuditAsync(harness, clock);
        Assert.AreEqual(2, rows.Count(r => r.Outcome == AuditOutcome.Cycle));
        Assert.AreEqual(4, rows.Count(r => r.Outcome == AuditOutcome.Planned));
        Assert.AreEqual(2, rows.Count(r => r.Outcome == AuditOutcome.Paused));
        Assert.AreEqual(2, rows.Count(r => r.Outcome == AuditOutcome.Resumed));
        var pause = rows.Single(r => r.Outcome == AuditOutcome.Paused && r.CampaignId == "camp-fl-1");
        Assert.AreEqual("Hurricane Warning", pause.Events);
        Assert.AreEqual("pause", pause.Action);
        Assert.AreEqual("Florida Renewals", pause.CampaignName);
        StringAssert.Contains(pause.AlertIds, "urn:oid:2.49.0.1.840.0.hurricane");
        Assert.AreEqual(rows.OrderByDescending(r => r.SortTime ?? r.OccurredAt).Select(r => r.Discriminator).First(),
            rows.First().Discriminator, "newest first");
    }

    [TestMethod]
    public async Task Steady_cycle_with_nothing_new_sends_no_status_change()
    {
        var clock = ServiceHarness.Clock();
        await using var harness = await ServiceHarness.StartAsync(Campaigns(), time: clock);
        harness.Simulator.State.SetFeed("nws", NwsFeed.With(NwsAlert.Warning("hurricane-1", "Hurricane Warning", "FLZ172")), NwsFeed.ContentType);
        await RunCycleThroughQueueAsync(harness);
        var patches = harness.Simulator.State.PatchCount;

        clock.Advance(TimeSpan.FromMinutes(5));
        var again = await RunCycleThroughQueueAsync(harness);

        Assert.AreEqual(0, again.Count);
        Assert.AreEqual(patches, harness.Simulator.State.PatchCount);
    }

    [TestMethod]
    public async Task Dry_run_plans_and_audits_but_enqueues_and_changes_nothing()
    {
        await using var harness = await ServiceHarness.StartAsync(Campaigns(), s => s["Policy:Mode"] = "DryRun");
        harness.Simulator.State.SetFeed("nws", NwsFeed.With(NwsAlert.Warning("hurricane-1", "Hurricane Warning", "FLZ172")), NwsFeed.ContentType);

        var result = await harness.Get<PollWeatherHandler>().RunAsync();

        Assert.IsTrue(result.DryRun);
        Assert.AreEqual(1, result.Plan.Pauses);
        Assert.AreEqual(0, result.Messages.Count);
        Assert.AreEqual(0, harness.Simulator.State.PatchCount);
        var planned = await ReadAuditAsync(harness, TimeProvider.System);
        Assert.IsTrue(planned.Single(r => r.Outcome == AuditOutcome.Planned).DryRun);
    }

    [TestMethod]
    public async Task Queue_messages_are_Base64_encoded_like_the_host_expects()
    {
        await using var harness = await ServiceHarness.StartAsync(Campaigns());
        harness.Simulator.State.SetFeed("nws", NwsFeed.With(NwsAlert.Warning("hurricane-1", "Hurricane Warning", "FLZ172")), NwsFeed.ContentType);
        var result = await harness.Get<PollWeatherHandler>().RunAsync();

        await harness.Get<StorageClients>().Queue(InterventionQueues.Name).SendMessageAsync(result.Messages.Single());
        var raw = new QueueClient(SharedAzurite.ConnectionString, InterventionQueues.Name); // no decoding: what is on the wire
        var peeked = (await raw.PeekMessageAsync()).Value;

        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(peeked.MessageText));
        var message = InterventionMessage.Parse(decoded);
        Assert.AreEqual("camp-fl-1", message.CampaignId);
        Assert.AreEqual("pause", message.Action);
        Assert.AreEqual(1, message.Version);
    }

    /// <summary>What the timer function and the queue trigger do, in order: plan, enqueue each message, receive and apply each.</summary>
    internal static async Task<List<AuditOutcome>> RunCycleThroughQueueAsync(ServiceHarness harness)
    {
        var result = await harness.Get<PollWeatherHandler>().RunAsync();
        var queue = harness.Get<StorageClients>().Queue(InterventionQueues.Name);
        foreach (var message in result.Messages)
        {
            await queue.SendMessageAsync(message);
        }

        var outcomes = new List<AuditOutcome>();
        var apply = harness.Get<ApplyInterventionHandler>();
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(maxMessages: 16)).Value;
            if (batch.Length == 0)
            {
                break;
            }

            foreach (var message in batch)
            {
                outcomes.Add(await apply.HandleAsync(message.MessageText, message.DequeueCount));
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
        return outcomes;
    }

    internal static Task<List<AuditRecord>> ReadAuditAsync(ServiceHarness harness, TimeProvider clock) =>
        SharedAzurite.AuditRowsAsync(harness.Get<AuditTrail>(), clock.GetUtcNow());
}
