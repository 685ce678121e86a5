using CxoneSimulator;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Integration.Tests.Failures;

/// <summary>
/// Case 2. Fault: 5xx answers — a burst that ends, or a tenant down for good.
/// Expected: a burst is retried to success; a dead tenant opens the circuit, every message goes back to the queue, is tried
/// maxDequeueCount times, ends in interventions-poison and leaves one failed audit row; no campaign changes.
/// </summary>
[TestClass]
public sealed class ServerErrorTests
{
    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    [TestMethod]
    public async Task Burst_of_server_errors_is_retried_to_success()
    {
        await using var harness = await ServiceHarness.StartAsync(Scenario.Florida(3), Scenario.Fast(maxRetries: 3));
        harness.HurricaneOverFlorida();
        var faults = harness.Simulator.State.Faults;
        faults.FailStatusCode = 503;
        faults.FailNextRequests = 3;

        var outcomes = await EndToEndTests.RunCycleThroughQueueAsync(harness);

        var state = harness.Simulator.State;
        CollectionAssert.AreEqual(new[] { AuditOutcome.Paused, AuditOutcome.Paused, AuditOutcome.Paused }, outcomes);
        Assert.AreEqual(3, state.Requests.Count(r => r.StatusCode == 503), "the burst was served");
        Assert.AreEqual(3, state.StatusChanges);
        Assert.IsTrue(state.Campaigns.All(c => c.Status == CampaignEntity.Paused));
        var holds = await harness.Get<HoldLedger>().ListAsync();
        Assert.IsTrue(holds.All(h => h.State == HoldState.Held) && holds.Count == 3);
    }

    [TestMethod]
    public async Task Tenant_down_for_good_opens_the_circuit_and_every_message_ends_poisoned_with_a_failed_row()
    {
        await using var harness = await ServiceHarness.StartAsync(Scenario.Florida(3), Scenario.Fast(maxRetries: 0));
        harness.HurricaneOverFlorida();
        var cycle = await harness.Get<PollWeatherHandler>().RunAsync();
        harness.Simulator.State.Faults.FailAllRequests = true;

        await using (var host = await QueueHost.StartAsync(harness))
        {
            foreach (var message in cycle.Messages)
            {
                await QueueHost.SendAsync(message);
            }

            await host.Probe.WhenAsync(p => p.Poisoned == 3, TimeSpan.FromSeconds(60));
            Assert.HasCount(3 * HostJsonQueues.Read().MaxDequeueCount, host.Probe.Deliveries, "each of 3 messages tried maxDequeueCount times");
            Assert.IsTrue(host.Probe.Deliveries.All(d => d.Outcome.StartsWith("threw", StringComparison.Ordinal)));
        }

        var state = harness.Simulator.State;
        Assert.AreEqual(0, state.StatusChanges);
        Assert.IsTrue(state.Campaigns.All(c => c.Status == CampaignEntity.Running));
        var patchesSent = state.Requests.Count(r => r.Method == "PATCH");
        Assert.IsLessThan(15, patchesSent, "the open circuit stopped hammering the tenant");
        Assert.IsTrue(harness.Logs.Lines.Any(l => l.Contains("the circuit is open", StringComparison.Ordinal)));
        var failed = (await harness.AuditAsync()).Where(r => r.Outcome == AuditOutcome.Failed).ToList();
        CollectionAssert.AreEquivalent(Scenario.Florida(3).Select(c => c.Id).ToArray(), failed.Select(r => r.CampaignId).ToArray(), "one failed row per message");
        Assert.IsTrue(failed.All(r => r.Detail!.Contains("interventions-poison", StringComparison.Ordinal)));
        Assert.AreEqual(0, await Scenario.QueueLengthAsync(InterventionQueues.Name));
        var holds = await harness.Get<HoldLedger>().ListAsync();
        Assert.IsTrue(holds.All(h => h.State == HoldState.Pausing), "intent recorded, pause never confirmed: the next cycle plans it again");
    }
}
