using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Integration.Tests.Failures;

/// <summary>
/// Fault: while a pause is being applied, a later cycle's intervention takes the campaign's hold over, so this message's save
/// of the held hold fails on its version. Expected: the change made is recorded (paused, the planned row marked), the retry
/// is refused as a replay rather than taking the hold back, and the later intervention's hold stands; the campaign is changed once.
/// </summary>
[TestClass]
public sealed class HoldMovedOnTests
{
    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    [TestMethod]
    public async Task A_hold_taken_over_during_the_pause_stays_with_the_later_intervention_and_the_retry_is_refused()
    {
        await using var harness = await ServiceHarness.StartAsync([Scenario.Florida("camp-fl-01")], Scenario.Fast(),
            services: s => s.Replace(ServiceDescriptor.Singleton<HoldLedger>(sp => new LedgerMovedOnOnce(sp.GetRequiredService<StorageClients>().Tables))));
        harness.HurricaneOverFlorida();
        var message = (await harness.Get<PollWeatherHandler>().RunAsync()).Messages.Single();
        var apply = harness.Get<ApplyInterventionHandler>();

        await Assert.ThrowsAsync<HoldConflictException>(() => apply.HandleAsync(message, 1));
        var again = await apply.HandleAsync(message, 2);

        Assert.AreEqual(AuditOutcome.Rejected, again);
        Assert.AreEqual(1, harness.Simulator.State.StatusChanges);
        var hold = await harness.HoldAsync("camp-fl-01");
        Assert.AreEqual(LedgerMovedOnOnce.LaterMessageId, hold!.MessageId, "the later intervention keeps the hold");
        Assert.AreEqual(HoldState.Pausing, hold.State);
        var rows = (await harness.AuditAsync()).Where(r => r.CampaignId == "camp-fl-01").ToList();
        Assert.AreEqual("paused", rows.Single(r => r.Outcome == AuditOutcome.Planned).AppliedAs);
        Assert.AreEqual(1, rows.Count(r => r.Outcome == AuditOutcome.Paused));
        Assert.AreEqual(1, rows.Count(r => r.Outcome == AuditOutcome.Retrying));
        StringAssert.Contains(rows.Single(r => r.Outcome == AuditOutcome.Rejected).Detail, "the ledger has moved on since");
    }

    /// <summary>Just before the first save of a held hold, a later cycle's message records its own intent on the hold.</summary>
    private sealed class LedgerMovedOnOnce(Azure.Data.Tables.TableServiceClient tables) : HoldLedger(tables)
    {
        public const string LaterMessageId = "20261202T060000Z-later-00001";
        private int _moved;

        public override async Task<WeatherHold> SaveAsync(WeatherHold hold, CancellationToken cancellationToken = default)
        {
            if (hold.State == HoldState.Held && Interlocked.Exchange(ref _moved, 1) == 0)
            {
                var current = await GetAsync(hold.CampaignId, cancellationToken);
                await base.SaveAsync(current! with { MessageId = LaterMessageId }, cancellationToken);
            }

            return await base.SaveAsync(hold, cancellationToken);
        }
    }
}
