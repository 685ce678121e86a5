using CxoneSimulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Integration.Tests;

/// <summary>The queue handler against the simulator and Azurite, for orderings the end-to-end flow rarely produces.</summary>
[TestClass]
public sealed class ApplyInterventionTests
{
    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    private static string Pause(string id, string campaignId) =>
        new InterventionMessage(1, id, "cycle", campaignId, "Gulf Renewals", "pause",
            new InterventionMessageReason(["hurricane-1"], ["Hurricane Warning"], ["STATE:TX"], "Extreme", null), DateTimeOffset.UtcNow).ToJson();

    [TestMethod]
    public async Task Late_pause_overtaken_by_a_newer_one_leaves_the_campaign_held_by_the_service()
    {
        await using var harness = await ServiceHarness.StartAsync([CampaignEntity.Create("camp-tx-9", "Gulf Renewals", CampaignEntity.Running, "US-TX")]);
        var apply = harness.Get<ApplyInterventionHandler>();
        var ledger = harness.Get<HoldLedger>();
        await ledger.SaveAsync(new WeatherHold { CampaignId = "camp-tx-9", State = HoldState.Pausing, MessageId = "cycle-1-00001", UpdatedAt = DateTimeOffset.UtcNow });

        var newer = await harness.HandlePlannedAsync(Pause("cycle-2-00001", "camp-tx-9"), 1);
        var late = await harness.HandlePlannedAsync(Pause("cycle-1-00001", "camp-tx-9"), 3);

        Assert.AreEqual(AuditOutcome.Paused, newer);
        Assert.AreEqual(AuditOutcome.Skipped, late);
        Assert.AreEqual(HoldState.Held, (await ledger.GetAsync("camp-tx-9"))!.State, "still ours, so it is resumed when the weather clears");
        Assert.AreEqual(1, harness.Simulator.State.StatusChanges);
    }

    [TestMethod]
    public async Task Pause_of_a_campaign_someone_else_paused_first_is_not_claimed()
    {
        await using var harness = await ServiceHarness.StartAsync([CampaignEntity.Create("camp-tx-8", "Gulf Winback", CampaignEntity.Running, "US-TX")]);
        harness.Simulator.State.SetStatusAsPerson("camp-tx-8", CampaignEntity.Paused);

        var outcome = await harness.HandlePlannedAsync(Pause("cycle-3-00001", "camp-tx-8"), 1);

        Assert.AreEqual(AuditOutcome.Skipped, outcome);
        Assert.AreEqual(HoldState.Ended, (await harness.Get<HoldLedger>().GetAsync("camp-tx-8"))!.State, "a person's pause is not ours to resume");
        Assert.AreEqual(0, harness.Simulator.State.StatusChanges);
    }

    private static string NewHoldPause(string id, string campaignId) =>
        new InterventionMessage(1, id, "cycle", campaignId, "Gulf Renewals", "pause",
            new InterventionMessageReason(["hurricane-2"], ["Hurricane Warning"], ["STATE:TX"], "Extreme", null), DateTimeOffset.UtcNow).ToJson();

    private static async Task<ServiceHarness> StartWithCountingLedgerAsync(string campaignId) =>
        await ServiceHarness.StartAsync([CampaignEntity.Create(campaignId, "Gulf Renewals", CampaignEntity.Running, "US-TX")],
            services: s => s.Replace(ServiceDescriptor.Singleton<HoldLedger>(sp => new CountingHoldLedger(sp.GetRequiredService<StorageClients>().Tables))));

    [TestMethod]
    public async Task Message_written_with_the_retired_no_ledger_row_hint_is_still_applied()
    {
        await using var harness = await StartWithCountingLedgerAsync("camp-tx-6");
        var ledger = (CountingHoldLedger)harness.Get<HoldLedger>();
        // Messages queued before an upgrade may still carry "noLedgerRow"; the handler reads the row whatever they say.
        var queuedBeforeUpgrade = NewHoldPause("cycle-5-00001", "camp-tx-6").Replace("\"plannedAt\"", "\"noLedgerRow\":true,\"plannedAt\"", StringComparison.Ordinal);

        var outcome = await harness.HandlePlannedAsync(queuedBeforeUpgrade, 1);

        Assert.AreEqual(AuditOutcome.Paused, outcome);
        Assert.AreEqual(1, ledger.Reads);
        var hold = (await ledger.GetAsync("camp-tx-6"))!;
        Assert.AreEqual(HoldState.Held, hold.State);
        Assert.AreEqual("cycle-5-00001", hold.MessageId);
        CollectionAssert.AreEqual(new[] { "hurricane-2" }, hold.AlertIds.ToArray());
        Assert.AreEqual(1, harness.Simulator.State.StatusChanges);
    }

    [TestMethod]
    public async Task Row_that_appeared_after_planning_is_read_and_kept()
    {
        await using var harness = await StartWithCountingLedgerAsync("camp-tx-5");
        var ledger = (CountingHoldLedger)harness.Get<HoldLedger>();
        // Since the cycle read the ledger, a person resumed the campaign the service held under another alert (overridden).
        await ledger.SaveAsync(new WeatherHold
        {
            CampaignId = "camp-tx-5",
            State = HoldState.Overridden,
            MessageId = "cycle-0-00001",
            UpdatedAt = DateTimeOffset.UtcNow,
            SuppressedAlertIds = ["hurricane-1"],
            ManualHoldReason = null,
        });

        var outcome = await harness.HandlePlannedAsync(NewHoldPause("cycle-5-00002", "camp-tx-5"), 1);

        Assert.AreEqual(AuditOutcome.Paused, outcome);
        Assert.AreEqual(1, ledger.Reads, "the row is read before the intent is written");
        var hold = (await ledger.GetAsync("camp-tx-5"))!;
        Assert.AreEqual(HoldState.Held, hold.State);
        CollectionAssert.AreEqual(new[] { "hurricane-1" }, hold.SuppressedAlertIds.ToArray(), "what the row carried is kept");
    }

    [TestMethod]
    public async Task Active_hold_that_appeared_after_planning_is_not_taken_over()
    {
        await using var harness = await StartWithCountingLedgerAsync("camp-tx-4");
        var apply = harness.Get<ApplyInterventionHandler>();
        // Another cycle's message (planned from the same empty ledger) got there first.
        Assert.AreEqual(AuditOutcome.Paused, await harness.HandlePlannedAsync(NewHoldPause("cycle-6-00001", "camp-tx-4"), 1));

        var second = await harness.HandlePlannedAsync(NewHoldPause("cycle-7-00001", "camp-tx-4"), 1);

        Assert.AreEqual(AuditOutcome.Skipped, second);
        var hold = (await harness.Get<HoldLedger>().GetAsync("camp-tx-4"))!;
        Assert.AreEqual(HoldState.Held, hold.State, "still held by the service, so it is resumed when the weather clears");
        Assert.AreEqual(1, harness.Simulator.State.StatusChanges);
    }

    [TestMethod]
    public async Task Retried_delivery_reads_the_row_and_takes_its_own_intent()
    {
        await using var harness = await StartWithCountingLedgerAsync("camp-tx-3");
        var ledger = (CountingHoldLedger)harness.Get<HoldLedger>();
        // The first delivery recorded its intent and paused the campaign, then failed before recording the hold.
        await ledger.SaveAsync(new WeatherHold { CampaignId = "camp-tx-3", State = HoldState.Pausing, MessageId = "cycle-8-00001", UpdatedAt = DateTimeOffset.UtcNow });
        harness.Simulator.State.SetStatusAsPerson("camp-tx-3", CampaignEntity.Paused);

        var outcome = await harness.HandlePlannedAsync(NewHoldPause("cycle-8-00001", "camp-tx-3"), 2);

        Assert.AreEqual(AuditOutcome.Paused, outcome, "its own earlier attempt paused it: ours");
        Assert.AreEqual(1, ledger.Reads);
        Assert.AreEqual(HoldState.Held, (await ledger.GetAsync("camp-tx-3"))!.State);
    }

    [TestMethod]
    public async Task Campaign_a_person_paused_after_planning_is_not_claimed()
    {
        await using var harness = await StartWithCountingLedgerAsync("camp-tx-2");
        harness.Simulator.State.SetStatusAsPerson("camp-tx-2", CampaignEntity.Paused);

        var outcome = await harness.HandlePlannedAsync(NewHoldPause("cycle-9-00001", "camp-tx-2"), 1);

        Assert.AreEqual(AuditOutcome.Skipped, outcome);
        Assert.AreEqual(HoldState.Ended, (await harness.Get<HoldLedger>().GetAsync("camp-tx-2"))!.State, "a person's pause is not ours to resume");
    }

    /// <summary>The real ledger, counting reads of one row.</summary>
    private sealed class CountingHoldLedger(Azure.Data.Tables.TableServiceClient tables) : HoldLedger(tables)
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public override Task<WeatherHold?> GetAsync(string campaignId, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            return base.GetAsync(campaignId, cancellationToken);
        }
    }
}

/// <summary>Audit rows when the audit table fails once after the hold was recorded.</summary>
[TestClass]
public sealed class LostAuditRowTests
{
    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    [TestMethod]
    public async Task Pause_whose_audit_row_was_lost_is_recorded_when_the_message_comes_again()
    {
        await using var harness = await ServiceHarness.StartAsync([CampaignEntity.Create("camp-tx-7", "Gulf Surveys", CampaignEntity.Running, "US-TX")],
            services: s => s.Replace(ServiceDescriptor.Singleton<AuditTrail>(sp => new AuditTrailFailingOnce(sp.GetRequiredService<StorageClients>().Tables, AuditOutcome.Paused))));
        var apply = harness.Get<ApplyInterventionHandler>();
        var message = new InterventionMessage(1, "cycle-4-00001", "cycle-4", "camp-tx-7", "Gulf Surveys", "pause",
            new InterventionMessageReason(["hurricane-1"], ["Hurricane Warning"], ["STATE:TX"], "Extreme", null), DateTimeOffset.UtcNow).ToJson();

        await PlannedRows.SeedAsync(harness.Get<AuditTrail>(), message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => apply.HandleAsync(message, 1));
        var again = await apply.HandleAsync(message, 2);

        Assert.AreEqual(AuditOutcome.Skipped, again);
        var rows = await EndToEndTests.ReadAuditAsync(harness, TimeProvider.System);
        Assert.AreEqual(1, rows.Count(r => r.Outcome == AuditOutcome.Paused), "the pause is in the trail once");
        Assert.AreEqual(1, rows.Count(r => r.Outcome == AuditOutcome.Skipped));
        Assert.AreEqual("paused", rows.Single(r => r.Outcome == AuditOutcome.Planned).AppliedAs, "the planned row says what the message did, not the duplicate's skip");
        Assert.AreEqual(1, harness.Simulator.State.StatusChanges);
    }

    private sealed class AuditTrailFailingOnce(Azure.Data.Tables.TableServiceClient tables, AuditOutcome failOn) : AuditTrail(tables)
    {
        private int _failed;

        public override Task WriteAsync(AuditRecord record, CancellationToken cancellationToken = default) =>
            FailsNow(record) ? Task.FromException(new InvalidOperationException("audit table unavailable")) : base.WriteAsync(record, cancellationToken);

        public override Task WriteOutcomeAsync(AuditRecord outcome, AuditRecord planned, AuditOutcome appliedAs, DateTimeOffset at, CancellationToken cancellationToken = default) =>
            FailsNow(outcome) ? Task.FromException(new InvalidOperationException("audit table unavailable")) : base.WriteOutcomeAsync(outcome, planned, appliedAs, at, cancellationToken);

        private bool FailsNow(AuditRecord record) => record.Outcome == failOn && Interlocked.Exchange(ref _failed, 1) == 0;
    }
}
