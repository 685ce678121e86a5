using CxoneSimulator;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Integration.Tests.Failures;

/// <summary>
/// Case 9. Fault: campaign ids that could change a request path (<c>../oauth2/token</c>, <c>a/b</c>, <c>%2F..</c>, control characters,
/// 10 kB), from the listing and from queue messages; queue messages that are not interventions at all.
/// Expected: refused before any request (the simulator records no odd path), audited as rejected, never retried or poisoned;
/// table keys built from such strings stay valid.
/// </summary>
[TestClass]
public sealed class HostileInputTests
{
    public static readonly string[] HostileIds =
    [
        "../oauth2/token",
        "a/b",
        "%2F..",
        "camp\u0001-fl\u007f",
        "camp-fl\r\nX-Injected: 1",
        new string('h', 10 * 1024),
    ];

    public static IEnumerable<object[]> HostileIdRows => HostileIds.Select(id => new object[] { id });

    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    [TestMethod]
    public async Task Hostile_ids_in_the_listing_are_never_planned_and_each_is_audited_as_rejected()
    {
        var campaigns = HostileIds.Select(id => Scenario.Florida(id)).Append(Scenario.Florida("camp-fl-01")).ToList();
        await using var harness = await ServiceHarness.StartAsync(campaigns, Scenario.Fast());
        harness.HurricaneOverFlorida();

        var outcomes = await EndToEndTests.RunCycleThroughQueueAsync(harness);

        CollectionAssert.AreEqual(new[] { AuditOutcome.Paused }, outcomes, "only the safe campaign is paused");
        var state = harness.Simulator.State;
        Assert.AreEqual(1, state.StatusChanges);
        foreach (var id in HostileIds)
        {
            Assert.AreEqual(CampaignEntity.Running, state.Get(id)!.Status);
        }

        var allowed = new[] { "/oauth2/token", "/feeds/nws", "/api/v2/outbound/campaigns?page=1&pageSize=50", "/api/v2/outbound/campaigns/camp-fl-01" };
        var odd = state.Requests.Where(r => !allowed.Contains(r.RawTarget)).Select(r => r.Method + " " + r.RawTarget).ToList();
        Assert.IsEmpty(odd, "odd paths: " + string.Join(", ", odd));

        var rows = await harness.AuditAsync();
        var rejected = rows.Where(r => r.Outcome == AuditOutcome.Rejected).ToList();
        Assert.HasCount(HostileIds.Length, rejected, "one rejected row per hostile campaign");
        Assert.IsTrue(rejected.All(r => r.Detail!.Contains("unsafe", StringComparison.Ordinal)));
        Assert.IsFalse(rows.Any(r => r.Outcome == AuditOutcome.Planned && r.CampaignId != "camp-fl-01"), "nothing planned for a hostile id");
        var holds = await harness.Get<HoldLedger>().ListAsync();
        CollectionAssert.AreEqual(new[] { "camp-fl-01" }, holds.Select(h => h.CampaignId).ToArray());
    }

    [TestMethod]
    public async Task Queue_messages_with_hostile_ids_or_no_intervention_inside_are_rejected_once_without_retries()
    {
        await using var harness = await ServiceHarness.StartAsync([Scenario.Florida("camp-fl-01")], Scenario.Fast());
        var messages = HostileIds.Select(id => Scenario.Pause(id, "cycle-h-" + id.Length).ToJson())
            .Concat(
            [
                "this is not json",
                "<xml>nope</xml>",
                """{"v":2,"id":"cycle-h-v2","campaignId":"camp-fl-01","action":"pause","plannedAt":"2025-01-20T12:00:00Z"}""",
                """{"v":1,"id":"cycle-h-act","campaignId":"camp-fl-01","action":"delete","plannedAt":"2025-01-20T12:00:00Z"}""",
                """{"v":1,"id":"cycle-h-trunc","campaignId":"camp-fl-01","act""",
                """[1,2,3]""",
            ]).ToList();
        await using (var host = await QueueHost.StartAsync(harness))
        {
            foreach (var message in messages)
            {
                await QueueHost.SendAsync(message);
            }

            await host.Probe.WhenAsync(p => p.Deliveries.Count >= messages.Count, TimeSpan.FromSeconds(30));
            Assert.IsTrue(host.Probe.Deliveries.All(d => d is { DequeueCount: 1, Outcome: "Rejected" }),
                string.Join(", ", host.Probe.Deliveries));
        } // stopping the host completes the deliveries in flight

        Assert.AreEqual(0, await Scenario.QueueLengthAsync(InterventionQueues.Name), "nothing left to retry");
        Assert.AreEqual(0, await Scenario.QueueLengthAsync(InterventionQueues.PoisonName), "no poison loop");
        Assert.IsEmpty(harness.Simulator.State.Requests, "refused before any request");
        var rejected = (await harness.AuditAsync()).Where(r => r.Outcome == AuditOutcome.Rejected).ToList();
        Assert.HasCount(messages.Count, rejected, "one rejected row per message");
        Assert.IsTrue(rejected.All(r => r.Attempt == 1));
        Assert.IsFalse(rejected.Any(r => r.CampaignId is { Length: > 100 }), "a 10 kB id is not copied into the audit trail");
    }

    [TestMethod]
    [DynamicData(nameof(HostileIdRows))]
    public async Task Ledger_row_keyed_by_a_hostile_id_is_written_and_read_back_intact(string id)
    {
        var ledger = new HoldLedger(SharedAzurite.Tables, TestStorage.UniqueName("holds"));
        await ledger.EnsureCreatedAsync();

        await ledger.SaveAsync(new WeatherHold { CampaignId = id, CampaignName = id, State = HoldState.Held, UpdatedAt = DateTimeOffset.UtcNow });

        var read = await ledger.GetAsync(id);
        Assert.IsNotNull(read);
        Assert.AreEqual(id, read.CampaignId);
        Assert.AreEqual(id, (await ledger.ListAsync()).Single().CampaignId);
    }

    [TestMethod]
    public async Task Ledger_keys_of_ids_that_differ_only_by_escaping_stay_distinct()
    {
        var ledger = new HoldLedger(SharedAzurite.Tables, TestStorage.UniqueName("holds"));
        await ledger.EnsureCreatedAsync();
        string[] ids = ["a/b", "a%2Fb", "a%252Fb", "a\\b", "a#b", "a?b"];

        foreach (var id in ids)
        {
            await ledger.SaveAsync(new WeatherHold { CampaignId = id, State = HoldState.Held, UpdatedAt = DateTimeOffset.UtcNow });
        }

        CollectionAssert.AreEquivalent(ids, (await ledger.ListAsync()).Select(h => h.CampaignId).ToArray());
    }

    [TestMethod]
    [DynamicData(nameof(HostileIdRows))]
    public async Task Audit_row_about_a_hostile_id_is_written_and_read_back(string id)
    {
        var audit = new AuditTrail(SharedAzurite.Tables, TestStorage.UniqueName("audit"));
        await audit.EnsureCreatedAsync();
        var now = DateTimeOffset.UtcNow;

        await audit.WriteAsync(new AuditRecord
        {
            OccurredAt = now,
            Outcome = AuditOutcome.Rejected,
            Discriminator = id + "_rejected",
            CampaignId = id,
            MessageId = id,
            Detail = "hostile",
        });

        var rows = new List<AuditRecord>();
        await foreach (var row in audit.QueryAsync(new AuditQuery(now.AddMinutes(-1), now.AddMinutes(1))))
        {
            rows.Add(row);
        }

        Assert.AreEqual(id, rows.Single().CampaignId);
        Assert.AreEqual(id + "_rejected", rows.Single().Discriminator);
    }
}
