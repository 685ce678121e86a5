using CxoneSimulator;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Planning;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Integration.Tests.Failures;

/// <summary>
/// Fault: a document an index feed links to cannot be read. Expected: that feed fails and the cycle row names the document;
/// pauses from the healthy feeds still go; nothing is resumed (rule 5). Control: with the document back, the same held
/// campaign is resumed, and the cycle row counts the index entry that had no CAP link.
/// </summary>
[TestClass]
public sealed class IndexFeedFailureTests
{
    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    /// <summary>A hurricane over Florida (the NWS feed) and a CAP index of one tornado warning in Texas, with a bulletin entry that links nothing.</summary>
    private static async Task<ServiceHarness> StartAsync()
    {
        var harness = await ServiceHarness.StartAsync(
            [
                Scenario.Florida("camp-fl-01"),
                CampaignEntity.Create("camp-tx-01", "Texas renewals", CampaignEntity.Running, "US-TX", "America/Chicago"),
                CampaignEntity.Create("camp-ny-01", "New York renewals", CampaignEntity.Paused, "US-NY", "America/New_York"),
            ],
            Scenario.Fast(more: s =>
            {
                // Beside the simulator's NWS feed (feed 0), on the same simulator.
                s["Weather:Feeds:1:Url"] = s["Weather:Feeds:0:Url"]!.Replace("/feeds/nws", "/feeds/index", StringComparison.Ordinal);
                s["Weather:Feeds:1:Format"] = "atom-index";
                s["Weather:Feeds:1:Name"] = "index";
            }));
        await Scenario.SeedHeldAsync(harness, "camp-ny-01", DateTimeOffset.UtcNow.AddHours(-2));
        harness.HurricaneOverFlorida();
        var state = harness.Simulator.State;
        state.SetFeed("cap-tx", CapDocument.Alert("cap-tx", "Tornado Warning", "Extreme", "SAME", "048113", DateTimeOffset.UtcNow.AddMinutes(-10), TimeSpan.FromHours(2)), CapDocument.ContentType);
        state.SetIndexFeed("index", IndexFeedKind.Atom, [new("tornado", "cap-tx"), new("bulletin", null)]);
        return harness;
    }

    [TestMethod]
    public async Task Unreadable_linked_document_fails_its_feed_pauses_from_healthy_feeds_go_and_nothing_is_resumed()
    {
        await using var harness = await StartAsync();
        harness.Simulator.State.ClearFeed("cap-tx");

        var cycle = await harness.Get<PollWeatherHandler>().RunAsync();

        Assert.AreEqual(PlanVerdict.Planned, cycle.Plan.Verdict, cycle.Plan.Reason);
        Assert.AreEqual("camp-fl-01:Pause", string.Join(",", cycle.Plan.Interventions.Select(i => $"{i.CampaignId}:{i.Action}")));
        Assert.AreEqual(HoldState.Held, (await harness.HoldAsync("camp-ny-01"))!.State, "not resumed while a feed failed");
        var cycleRow = (await harness.AuditAsync()).Single(r => r.Outcome == AuditOutcome.Cycle);
        StringAssert.Contains(cycleRow.Detail, "index: FAILED");
        StringAssert.Contains(cycleRow.Detail, harness.Simulator.BaseAddress + "/feeds/cap-tx: HTTP 404");
        StringAssert.Contains(cycleRow.Detail, "nothing is resumed");
    }

    [TestMethod]
    public async Task Readable_index_pauses_its_own_campaigns_resumes_the_clear_one_and_counts_the_skipped_entry()
    {
        await using var harness = await StartAsync();

        var cycle = await harness.Get<PollWeatherHandler>().RunAsync();

        Assert.AreEqual(PlanVerdict.Planned, cycle.Plan.Verdict, cycle.Plan.Reason);
        Assert.AreEqual("camp-fl-01:Pause,camp-ny-01:Resume,camp-tx-01:Pause",
            string.Join(",", cycle.Plan.Interventions.Select(i => $"{i.CampaignId}:{i.Action}").Order(StringComparer.Ordinal)));
        var cycleRow = (await harness.AuditAsync()).Single(r => r.Outcome == AuditOutcome.Cycle);
        StringAssert.Contains(cycleRow.Detail, "index: 1 alerts, 1 skipped (no CAP link)");
    }
}
