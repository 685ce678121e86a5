using CxoneSimulator;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;
using WeatherCampaign.Integration.Tests.Failures;

namespace WeatherCampaign.Integration.Tests;

/// <summary>
/// Issue 14's story, against the simulator's NWS feed and Azurite, every cycle a full run of the service (which keeps nothing
/// between cycles but the ledger): warning A pauses a campaign; a person resumes it; NWS re-issues A as Updates A1 and A2
/// (A2 naming only A1, after A has left the feed); the person's decision stands. Then a re-issue says more, and the service acts.
/// </summary>
[TestClass]
public sealed class ReissuedWarningStoryTests
{
    private const string Campaign = "camp-fl-01";

    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    [TestMethod]
    [DataRow("Hurricane Warning", "Severe", DisplayName = "the event changes: Tropical Storm Warning -> Hurricane Warning")]
    [DataRow("Tropical Storm Warning", "Extreme", DisplayName = "the severity rises: Severe -> Extreme")]
    public async Task Persons_resume_stands_through_re_issues_and_the_service_pauses_again_on_real_news(string newsEvent, string newsSeverity)
    {
        await using var harness = await ServiceHarness.StartAsync([Scenario.Florida(Campaign)], Scenario.Fast());
        var a = new NwsAlert("urn:oid:2.49.0.1.840.0.story.a", "Tropical Storm Warning", "Severe", ["FLZ172"], NwsAlert.Now.AddHours(-1), NwsAlert.Now.AddHours(12));
        var a1 = a.ReissuedAs("urn:oid:2.49.0.1.840.0.story.a1");
        var a2 = a1.ReissuedAs("urn:oid:2.49.0.1.840.0.story.a2") with { ExpiredReferences = null };
        var news = a2.ReissuedAs("urn:oid:2.49.0.1.840.0.story.a3", newsEvent, newsSeverity);

        Feed(harness, a);
        Assert.HasCount(1, await CycleAsync(harness), "A pauses the campaign");
        Assert.AreEqual(CampaignEntity.Paused, Status(harness));

        harness.Simulator.State.SetStatusAsPerson(Campaign, CampaignEntity.Running);
        Assert.IsEmpty(await CycleAsync(harness), "the service sees the person's resume and leaves it");
        Assert.AreEqual(HoldState.Overridden, (await harness.HoldAsync(Campaign))!.State);

        Feed(harness, a1);
        Assert.IsEmpty(await CycleAsync(harness), "A1 is a re-issue of A with nothing new");
        Feed(harness, a2);
        Assert.IsEmpty(await CycleAsync(harness), "A2 names only A1, which the ledger remembers as a re-issue of A");
        Assert.AreEqual(CampaignEntity.Running, Status(harness), "the person's decision stands");
        Assert.AreEqual(1, harness.Simulator.State.PatchCount, "one change only: the first pause");

        var hold = (await harness.HoldAsync(Campaign))!;
        CollectionAssert.IsSubsetOf(new[] { a.Id, a1.Id, a2.Id }, hold.SuppressedAlertIds.ToList());
        var reissueRows = (await harness.AuditAsync()).Where(r => r.Outcome == AuditOutcome.Reissue).ToList();
        Assert.HasCount(2, reissueRows);
        Assert.IsTrue(reissueRows.Any(r => r.Detail!.Contains($"{a2.Id} re-issue of {a1.Id}", StringComparison.Ordinal)), reissueRows[0].Detail);

        Feed(harness, news);
        var messages = await CycleAsync(harness);

        Assert.HasCount(1, messages, "a re-issue that says more is news the person could not have weighed");
        Assert.AreEqual(CampaignEntity.Paused, Status(harness));
        var planned = (await harness.AuditAsync()).Where(r => r.Outcome == AuditOutcome.Planned).OrderBy(r => r.OccurredAt).Last();
        StringAssert.Contains(planned.Detail, $"{news.Id} re-issue of {a2.Id}");
        Assert.AreEqual(HoldState.Held, (await harness.HoldAsync(Campaign))!.State);
    }

    private static void Feed(ServiceHarness harness, NwsAlert alert) => harness.Simulator.State.SetFeed("nws", NwsFeed.With(alert), NwsFeed.ContentType);

    private static string Status(ServiceHarness harness) => harness.Simulator.State.Get(Campaign)!.Status;

    /// <summary>One cycle of the service, its messages applied through the real queue; the messages.</summary>
    private static async Task<IReadOnlyList<string>> CycleAsync(ServiceHarness harness)
    {
        var cycle = await harness.Get<PollWeatherHandler>().RunAsync();
        await Scenario.ApplyThroughQueueAsync(harness, cycle.Messages);
        return cycle.Messages;
    }
}
