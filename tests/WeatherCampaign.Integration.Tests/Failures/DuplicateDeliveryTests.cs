using CxoneSimulator;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Integration.Tests.Failures;

/// <summary>
/// Case 6. Fault: the queue delivers the same message twice (at-least-once delivery), one after the other or at once.
/// Expected: at most one status change; the audit trail says what each delivery did (paused, then a duplicate skipped).
/// </summary>
[TestClass]
public sealed class DuplicateDeliveryTests
{
    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    [TestMethod]
    public async Task Same_message_delivered_twice_changes_the_campaign_once_and_two_rows_say_so()
    {
        await using var harness = await ServiceHarness.StartAsync([Scenario.Florida("camp-fl-01")], Scenario.Fast());
        harness.HurricaneOverFlorida();
        var message = (await harness.Get<PollWeatherHandler>().RunAsync()).Messages.Single();

        var outcomes = await Scenario.ApplyThroughQueueAsync(harness, [message, message]);

        CollectionAssert.AreEqual(new[] { AuditOutcome.Paused, AuditOutcome.Skipped }, outcomes);
        Assert.AreEqual(1, harness.Simulator.State.StatusChanges);
        var rows = (await harness.AuditAsync()).Where(r => r.CampaignId == "camp-fl-01" && r.Outcome is AuditOutcome.Paused or AuditOutcome.Skipped).ToList();
        Assert.HasCount(2, rows);
        StringAssert.Contains(rows.Single(r => r.Outcome == AuditOutcome.Skipped).Detail, "Duplicate delivery");
        Assert.AreEqual(HoldState.Held, (await harness.HoldAsync("camp-fl-01"))!.State);
    }

    [TestMethod]
    public async Task Same_message_delivered_twice_at_once_changes_the_campaign_once()
    {
        await using var harness = await ServiceHarness.StartAsync([Scenario.Florida("camp-fl-01")], Scenario.Fast());
        harness.HurricaneOverFlorida();
        var message = (await harness.Get<PollWeatherHandler>().RunAsync()).Messages.Single();
        var apply = harness.Get<ApplyInterventionHandler>();

        var deliveries = await Task.WhenAll(Enumerable.Range(1, 2).Select(async _ =>
        {
            try { return (await apply.HandleAsync(message, 1)).ToString(); }
            catch (Exception ex) when (ex is HoldConflictException) { return "retry"; } // the queue would deliver it again
        }));
        foreach (var _ in deliveries.Where(d => d == "retry"))
        {
            await apply.HandleAsync(message, 2);
        }

        Assert.AreEqual(1, harness.Simulator.State.StatusChanges);
        Assert.AreEqual(CampaignEntity.Paused, harness.Simulator.State.Get("camp-fl-01")!.Status);
        Assert.AreEqual(HoldState.Held, (await harness.HoldAsync("camp-fl-01"))!.State);
        Assert.AreEqual(1, (await harness.AuditAsync()).Count(r => r.Outcome == AuditOutcome.Paused), "the pause is recorded once");
    }
}
