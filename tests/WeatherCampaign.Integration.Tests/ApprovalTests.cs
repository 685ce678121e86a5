using CxoneSimulator;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Planning;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Integration.Tests;

/// <summary>The blast-radius limit and the standing approval <c>Policy:ApproveNextLargeCycle</c>, which lets one large cycle through.</summary>
[TestClass]
public sealed class ApprovalTests
{
    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    private static CampaignEntity[] Campaigns() =>
    [
        CampaignEntity.Create("fl-1", "Florida One", CampaignEntity.Running, "US-FL"),
        CampaignEntity.Create("fl-2", "Florida Two", CampaignEntity.Running, "US-FL"),
        CampaignEntity.Create("ca-1", "California One", CampaignEntity.Running, "US-CA"),
    ];

    private static void Storm(ServiceHarness harness, string alertId) =>
        harness.Simulator.State.SetFeed("nws", NwsFeed.With(NwsAlert.Warning(alertId, "Hurricane Warning", "FLZ172")), NwsFeed.ContentType);

    private static void PersonResumesEverything(ServiceHarness harness)
    {
        foreach (var id in new[] { "fl-1", "fl-2" })
        {
            harness.Simulator.State.SetStatusAsPerson(id, CampaignEntity.Running);
        }
    }

    [TestMethod]
    public async Task Standing_approval_lets_one_large_cycle_through_until_it_is_turned_off_and_on_again()
    {
        await using var harness = await ServiceHarness.StartAsync(Campaigns(), s =>
        {
            s["Policy:MaxPauseShare"] = "0.5";
            s["Policy:ApproveNextLargeCycle"] = "true";
        });
        var cycle = harness.Get<PollWeatherHandler>();

        Storm(harness, "storm-1");
        var first = await EndToEndTests.RunCycleThroughQueueAsync(harness);
        PersonResumesEverything(harness);
        Storm(harness, "storm-2"); // news the person could not have weighed: the service pauses again
        var second = await cycle.RunAsync();
        harness.Configuration["Policy:ApproveNextLargeCycle"] = "false";
        harness.Configuration.Reload();
        var third = await cycle.RunAsync();
        harness.Configuration["Policy:ApproveNextLargeCycle"] = "true";
        harness.Configuration.Reload();
        var fourth = await cycle.RunAsync();

        Assert.AreEqual(2, first.Count(o => o == AuditOutcome.Paused), "the first large cycle is approved");
        Assert.AreEqual(PlanVerdict.HeldForApproval, second.Plan.Verdict, "the approval was used");
        Assert.AreEqual(0, second.Messages.Count);
        Assert.AreEqual(PlanVerdict.HeldForApproval, third.Plan.Verdict, "turned off");
        Assert.AreEqual(PlanVerdict.Planned, fourth.Plan.Verdict, "turned on again: one more");
        Assert.AreEqual(2, fourth.Messages.Count);
        var rows = await EndToEndTests.ReadAuditAsync(harness, TimeProvider.System);
        Assert.AreEqual(2, rows.Count(r => r.Outcome == AuditOutcome.Approved));
        Assert.AreEqual(2, rows.Count(r => r.Outcome == AuditOutcome.HeldForApproval));
    }

    [TestMethod]
    public async Task Preview_plans_without_writing_a_row_or_enqueuing()
    {
        await using var harness = await ServiceHarness.StartAsync(Campaigns());
        Storm(harness, "storm-1");

        var result = await harness.Get<PollWeatherHandler>().RunAsync(CycleRequest.Preview());

        Assert.AreEqual(2, result.Plan.Pauses);
        Assert.AreEqual(0, result.Messages.Count);
        Assert.AreEqual(0, (await EndToEndTests.ReadAuditAsync(harness, TimeProvider.System)).Count);
        Assert.AreEqual(0, (await harness.Get<HoldLedger>().ListAsync()).Count);
    }
}
