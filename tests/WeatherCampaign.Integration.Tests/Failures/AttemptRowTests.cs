using System.Globalization;
using CxoneSimulator;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Integration.Tests.Failures;

/// <summary>
/// Every attempt in the audit: a delivery that fails writes a <c>retrying</c> row (attempt n of maxDequeueCount, and why), the
/// success or poison row completes the story, and the same attempt delivered twice writes one row.
/// </summary>
[TestClass]
public sealed class AttemptRowTests
{
    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    [TestMethod]
    public async Task Tenant_down_for_good_leaves_one_retrying_row_per_attempt_then_the_failed_row()
    {
        var maxDequeueCount = HostJsonQueues.Read().MaxDequeueCount;
        await using var harness = await ServiceHarness.StartAsync([Scenario.Florida("camp-fl-01")], Scenario.Fast(maxRetries: 0));
        harness.Simulator.State.Faults.FailAllRequests = true;
        var message = Scenario.Pause("camp-fl-01");

        await using (var host = await QueueHost.StartAsync(harness))
        {
            await QueueHost.SendAsync(message.ToJson());
            await host.Probe.WhenAsync(p => p.Poisoned == 1, TimeSpan.FromSeconds(60));
        }

        var rows = (await harness.AuditAsync()).Where(r => r.MessageId == message.Id).ToList();
        var retrying = rows.Where(r => r.Outcome == AuditOutcome.Retrying).OrderBy(r => r.Attempt).ToList();
        CollectionAssert.AreEqual(Enumerable.Range(1, maxDequeueCount).Select(i => (long?)i).ToArray(), retrying.Select(r => r.Attempt).ToArray(), "one row per attempt");
        foreach (var row in retrying)
        {
            StringAssert.Contains(row.Detail, string.Create(CultureInfo.InvariantCulture, $"Attempt {row.Attempt} of {maxDequeueCount} failed: "));
            Assert.IsFalse(string.IsNullOrWhiteSpace(ReasonOf(row.Detail!)), "the reason is given: " + row.Detail);
            Assert.AreEqual("camp-fl-01", row.CampaignId);
        }
        StringAssert.Contains(retrying[^1].Detail, "last attempt");
        StringAssert.Contains(retrying[0].Detail, "back to the queue");
        Assert.AreEqual(1, rows.Count(r => r.Outcome == AuditOutcome.Failed), "the poison row ends the story");
        Assert.AreEqual(CampaignEntity.Running, harness.Simulator.State.Get("camp-fl-01")!.Status);
    }

    [TestMethod]
    public async Task Failed_first_delivery_shows_as_retrying_between_planned_and_paused()
    {
        await using var harness = await ServiceHarness.StartAsync(Scenario.Florida(1), Scenario.Fast(maxRetries: 0));
        harness.HurricaneOverFlorida();
        var cycle = await harness.Get<PollWeatherHandler>().RunAsync();
        harness.Simulator.State.Faults.FailStatusCode = 503;
        harness.Simulator.State.Faults.FailNextRequests = 1;

        await using (var host = await QueueHost.StartAsync(harness))
        {
            await QueueHost.SendAsync(cycle.Messages.Single());
            await host.Probe.WhenAsync(p => p.Deliveries.Any(d => d.Outcome == nameof(AuditOutcome.Paused)), TimeSpan.FromSeconds(60));
        }

        var story = (await harness.AuditAsync()).Where(r => r.CampaignId == "camp-fl-01")
            .OrderBy(r => r.OccurredAt).Select(r => (r.Outcome, r.Attempt)).ToArray();
        CollectionAssert.AreEqual(new (AuditOutcome, long?)[] { (AuditOutcome.Planned, null), (AuditOutcome.Retrying, 1), (AuditOutcome.Paused, 2) }, story);
        var retrying = (await harness.AuditAsync()).Single(r => r.Outcome == AuditOutcome.Retrying);
        StringAssert.Contains(retrying.Detail, "503");
    }

    [TestMethod]
    public async Task Same_attempt_delivered_twice_writes_one_row_and_the_next_attempt_another()
    {
        await using var harness = await ServiceHarness.StartAsync([Scenario.Florida("camp-fl-01")], Scenario.Fast(maxRetries: 0));
        harness.Simulator.State.Faults.FailAllRequests = true;
        var handler = harness.Get<ApplyInterventionHandler>();
        var body = await PlannedRows.SeedAsync(harness.Get<AuditTrail>(), Scenario.Pause("camp-fl-01").ToJson());

        await Assert.ThrowsAsync<Exception>(() => handler.HandleAsync(body, 1));
        await Assert.ThrowsAsync<Exception>(() => handler.HandleAsync(body, 1));
        Assert.AreEqual(1, (await harness.AuditAsync()).Count(r => r.Outcome == AuditOutcome.Retrying), "a duplicate of attempt 1 shows once");

        await Assert.ThrowsAsync<Exception>(() => handler.HandleAsync(body, 2));
        var attempts = (await harness.AuditAsync()).Where(r => r.Outcome == AuditOutcome.Retrying).Select(r => r.Attempt).Order().ToArray();
        CollectionAssert.AreEqual(new long?[] { 1, 2 }, attempts);
    }

    [TestMethod]
    public void Queue_delivery_defaults_are_host_json_s_values()
    {
        var hostJson = HostJsonQueues.Read();
        var defaults = new QueueDeliveryOptions();
        Assert.AreEqual(hostJson.MaxDequeueCount, defaults.MaxDequeueCount);
        Assert.AreEqual(hostJson.BatchSize, defaults.BatchSize);
        Assert.AreEqual(hostJson.NewBatchThreshold, defaults.NewBatchThreshold);
        Assert.AreEqual(hostJson.VisibilityTimeout, defaults.VisibilityTimeout);
        Assert.AreEqual(hostJson.MaxPollingInterval, defaults.MaxPollingInterval);
    }

    /// <summary>The text between "failed: " and what happens next.</summary>
    private static string ReasonOf(string detail)
    {
        var from = detail.IndexOf(" failed: ", StringComparison.Ordinal) + " failed: ".Length;
        var to = detail.IndexOf(" The message goes", StringComparison.Ordinal);
        to = to >= 0 ? to : detail.IndexOf(" That was the last", StringComparison.Ordinal);
        return detail[from..to];
    }
}
