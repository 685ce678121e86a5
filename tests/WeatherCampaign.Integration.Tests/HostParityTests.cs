using CxoneSimulator;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Integration.Tests;

/// <summary>
/// The WebJobs SDK queue listener — the same one the Functions host runs — configured from the repository's host.json,
/// drives our handlers against Azurite: a message that keeps failing is tried maxDequeueCount times, moves to
/// interventions-poison, and is recorded there as a failed audit row.
/// </summary>
[TestClass]
public sealed class HostParityTests
{
    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    [TestMethod]
    public async Task Failing_message_is_retried_maxDequeueCount_times_then_poisoned_and_recorded()
    {
        var queues = HostJsonQueues.Read();
        Assert.AreEqual("base64", queues.MessageEncoding, "host.json must keep the host's Base64 encoding");
        Assert.IsTrue(queues.MaxDequeueCount >= 2);

        await using var harness = await ServiceHarness.StartAsync(
            [CampaignEntity.Create("camp-down-1", "Tenant Down", CampaignEntity.Running, "US-FL")],
            s => s["Cxone:MaxRetries"] = "0");
        harness.Simulator.State.Faults.FailAllRequests = true;
        var message = new InterventionMessage(1, "cycle-x-00001", "cycle-x", "camp-down-1", "Tenant Down", "pause",
            new InterventionMessageReason(["hurricane-1"], ["Hurricane Warning"], ["STATE:FL"], "Extreme", null), DateTimeOffset.UtcNow);

        await using (var host = await QueueHost.StartAsync(harness))
        {
            await QueueHost.SendAsync(message.ToJson());
            await host.Probe.WhenAsync(p => p.Poisoned == 1, TimeSpan.FromSeconds(90));

            CollectionAssert.AreEqual(Enumerable.Range(1, queues.MaxDequeueCount).Select(i => (long)i).ToArray(),
                host.Probe.Deliveries.Select(d => d.DequeueCount).Order().ToArray(), "tried exactly maxDequeueCount times");
            Assert.IsTrue(host.Probe.Deliveries.All(d => d.Outcome.StartsWith("threw", StringComparison.Ordinal)));
        }

        Assert.AreEqual("running", harness.Simulator.State.Get("camp-down-1")!.Status);
        var failed = (await EndToEndTests.ReadAuditAsync(harness, TimeProvider.System)).Single(r => r.Outcome == AuditOutcome.Failed);
        Assert.AreEqual("camp-down-1", failed.CampaignId);
        Assert.AreEqual("cycle-x-00001", failed.MessageId);
        StringAssert.Contains(failed.Detail, "interventions-poison");
        Assert.IsTrue(harness.Logs.Lines.Any(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("Intervention failed for good")));
        var main = (await SharedAzurite.Queues.GetQueueClient(InterventionQueues.Name).PeekMessagesAsync(32)).Value;
        Assert.AreEqual(0, main.Length, "nothing left behind in the trigger queue");
    }
}
