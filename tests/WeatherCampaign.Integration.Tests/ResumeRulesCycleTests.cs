using CxoneSimulator;
using Microsoft.Extensions.Time.Testing;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Integration.Tests;

/// <summary>
/// The resume rules through the real cycle, queue, simulator and Azurite: a Florida storm clears on a Friday evening after
/// the calling window closed; the holds wait, each with one row saying why, over the weekend; on Monday at 09:00 they come
/// back one a cycle, the older hold first.
/// </summary>
[TestClass]
public sealed class ResumeRulesCycleTests
{
    /// <summary>Friday 2026-09-11 19:00 in New York.</summary>
    private static readonly DateTimeOffset FridayEvening = new(2026, 9, 11, 23, 0, 0, TimeSpan.Zero);

    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    [TestMethod]
    public async Task Holds_cleared_after_the_window_wait_for_Monday_and_come_back_one_a_cycle_oldest_first()
    {
        var clock = new FakeTimeProvider(FridayEvening);
        await using var harness = await ServiceHarness.StartAsync(
        [
            CampaignEntity.Create("camp-fl-1", "Florida Renewals", CampaignEntity.Running, "UGC:FLZ172", "America/New_York"),
            CampaignEntity.Create("camp-fl-2", "Keys Collections", CampaignEntity.Running, "UGC:FLZ173", "Mars/Olympus_Mons"),
        ], s =>
        {
            s["Policy:ResumeNotBefore"] = "09:00";
            s["Policy:ResumeNotAfter"] = "20:00";
            s["Policy:BusinessDays"] = "Mon-Fri";
            s["Policy:DefaultTimeZone"] = "America/New_York";
            s["Policy:MaxResumesPerCycle"] = "1";
        }, clock);

        Storm(harness, "FLZ173");
        await EndToEndTests.RunCycleThroughQueueAsync(harness);
        clock.Advance(TimeSpan.FromMinutes(5));
        Storm(harness, "FLZ172", "FLZ173");
        await EndToEndTests.RunCycleThroughQueueAsync(harness);
        Assert.AreEqual("paused", harness.Simulator.State.Get("camp-fl-1")!.Status);
        Assert.AreEqual("paused", harness.Simulator.State.Get("camp-fl-2")!.Status);

        // Clear from 19:05; at 20:06 clear for an hour, but the window has closed until Monday 09:00.
        harness.Simulator.State.SetFeed("nws", NwsFeed.Empty, NwsFeed.ContentType);
        clock.Advance(TimeSpan.FromMinutes(61));
        var closed = await EndToEndTests.RunCycleThroughQueueAsync(harness);
        clock.Advance(TimeSpan.FromMinutes(5));
        var stillClosed = await EndToEndTests.RunCycleThroughQueueAsync(harness);

        Assert.AreEqual(0, closed.Count + stillClosed.Count, "nothing resumes outside the window");
        var holds = await harness.Get<HoldLedger>().ListAsync();
        var monday = new DateTimeOffset(2026, 9, 14, 13, 0, 0, TimeSpan.Zero);
        foreach (var hold in holds)
        {
            Assert.AreEqual(HoldState.Held, hold.State);
            Assert.AreEqual("Policy:ResumeNotAfter", hold.ResumeHeldBy, "the ledger remembers the rule");
            Assert.AreEqual(monday, hold.ResumeHeldUntil);
        }

        // A hold seen under its alerts after the pause remembers their end (Policy:HoldAfter counts from it), read back from the table.
        Assert.AreEqual(FridayEvening.AddHours(12), holds.Single(h => h.CampaignId == "camp-fl-2").EventEnds["Hurricane Warning"]);

        var rows = await AuditAsync(harness, monday);
        var heldBack = rows.Where(r => r.Outcome == AuditOutcome.ResumeHeld).ToList();
        Assert.AreEqual(2, heldBack.Count, "one row per campaign, not one per cycle");
        StringAssert.Contains(heldBack[0].Detail, "by Policy:ResumeNotAfter");
        var warning = rows.Single(r => r.Outcome == AuditOutcome.Warning);
        Assert.AreEqual("camp-fl-2", warning.CampaignId);
        StringAssert.Contains(warning.Detail, "'Mars/Olympus_Mons' is unknown; Policy:DefaultTimeZone (America/New_York) was used instead");

        clock.Advance(monday.AddMinutes(1) - clock.GetUtcNow());
        var first = await EndToEndTests.RunCycleThroughQueueAsync(harness);
        Assert.AreEqual(AuditOutcome.Resumed, first.Single());
        Assert.AreEqual("running", harness.Simulator.State.Get("camp-fl-2")!.Status, "the older hold first");
        Assert.AreEqual("paused", harness.Simulator.State.Get("camp-fl-1")!.Status, "staged for the next cycle");

        clock.Advance(TimeSpan.FromMinutes(5));
        var second = await EndToEndTests.RunCycleThroughQueueAsync(harness);
        Assert.AreEqual(AuditOutcome.Resumed, second.Single());
        Assert.AreEqual("running", harness.Simulator.State.Get("camp-fl-1")!.Status);

        rows = await AuditAsync(harness, clock.GetUtcNow());
        var planned = rows.Where(r => r.Outcome == AuditOutcome.Planned && r.Action == "resume").ToList();
        Assert.AreEqual(2, planned.Count);
        Assert.IsTrue(planned.All(r => r.Detail!.Contains("resumed under Policy:ResumeNotBefore: inside the calling window 09:00–20:00 Mon,Tue,Wed,Thu,Fri America/New_York", StringComparison.Ordinal)),
            string.Join(" | ", planned.Select(r => r.Detail)));
        StringAssert.Contains(rows.First(r => r.Outcome == AuditOutcome.Cycle && r.Detail!.Contains("1 to resume", StringComparison.Ordinal) && r.Detail.Contains("wait", StringComparison.Ordinal)).Detail,
            "1 resumes wait for a later cycle");
    }

    private static void Storm(ServiceHarness harness, params string[] zones) =>
        harness.Simulator.State.SetFeed("nws", NwsFeed.With(
            new NwsAlert("urn:oid:2.49.0.1.840.0.resume.hurricane", "Hurricane Warning", "Extreme", zones, FridayEvening.AddHours(-1), FridayEvening.AddHours(12))),
            NwsFeed.ContentType);

    private static async Task<List<AuditRecord>> AuditAsync(ServiceHarness harness, DateTimeOffset until)
    {
        var rows = new List<AuditRecord>();
        await foreach (var row in harness.Get<AuditTrail>().QueryAsync(new AuditQuery(FridayEvening.AddDays(-1), until.AddDays(1))))
        {
            rows.Add(row);
        }

        return rows;
    }
}
