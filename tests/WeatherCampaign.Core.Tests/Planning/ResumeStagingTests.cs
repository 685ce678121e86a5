using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Planning;
using static WeatherCampaign.Core.Tests.Planning.PlanningScenario;

namespace WeatherCampaign.Core.Tests.Planning;

/// <summary>Staged resume through the planner: five clear holds, paused an hour apart (c1 first), each in the regions given.</summary>
[TestClass]
public sealed class ResumeStagingTests
{
    [TestMethod]
    [DataRow("", "FL,FL,FL,GA,GA", "c1,c2,c3,c4,c5", DisplayName = "no limit: every clear hold resumes (today's behaviour)")]
    [DataRow("MaxResumesPerCycle=2", "FL,FL,FL,GA,GA", "c1,c2", DisplayName = "two a cycle: the two oldest")]
    [DataRow("MaxResumesPerCycle=10", "FL,FL,FL,GA,GA", "c1,c2,c3,c4,c5", DisplayName = "a limit above the count: all")]
    [DataRow("MaxResumesPerRegionPerCycle=1", "FL,FL,FL,GA,GA", "c1,c4", DisplayName = "one per region: the oldest of each")]
    [DataRow("MaxResumesPerRegionPerCycle=2", "FL,GA,FL,FL,GA", "c1,c2,c3,c5", DisplayName = "two per region")]
    [DataRow("MaxResumesPerCycle=3;MaxResumesPerRegionPerCycle=1", "FL,FL,GA,AL,MS", "c1,c3,c4", DisplayName = "both limits")]
    [DataRow("MaxResumesPerRegionPerCycle=1", "FL+GA,GA,FL,AL,AL", "c1,c4", DisplayName = "a hold in two regions counts in both")]
    public void Resumes_oldest_hold_first_within_the_limits(string settings, string regions, string expected)
    {
        var plan = FiveClearHolds(settings, regions.Split(',')).Plan();

        var resumed = plan.Interventions.Select(i => i.CampaignId).ToArray();
        CollectionAssert.AreEqual(expected.Split(','), resumed);
        Assert.AreEqual(5 - resumed.Length, plan.ResumesStaged);
        foreach (var waiting in plan.Decisions.Where(d => !resumed.Contains(d.Campaign.Id)))
        {
            Assert.AreEqual(DecisionKind.None, waiting.Kind);
            StringAssert.Contains(waiting.Why, "held: staged resume");
        }
    }

    [TestMethod]
    public void The_rest_resume_in_later_cycles_oldest_first()
    {
        // Listed newest first, so the order comes from the holds, not the listing.
        var scenario = FiveClearHolds("MaxResumesPerCycle=2", ["FL", "FL", "FL", "FL", "FL"], listNewestFirst: true);
        var first = scenario.Plan();
        var second = FiveClearHolds("MaxResumesPerCycle=2", ["FL", "FL", "FL", "FL", "FL"], skip: ["c1", "c2"]).Plan(Now.AddMinutes(5));
        var third = FiveClearHolds("MaxResumesPerCycle=2", ["FL", "FL", "FL", "FL", "FL"], skip: ["c1", "c2", "c3", "c4"]).Plan(Now.AddMinutes(10));

        CollectionAssert.AreEquivalent(new[] { "c1", "c2" }, first.Interventions.Select(i => i.CampaignId).ToArray());
        CollectionAssert.AreEquivalent(new[] { "c3", "c4" }, second.Interventions.Select(i => i.CampaignId).ToArray());
        CollectionAssert.AreEquivalent(new[] { "c5" }, third.Interventions.Select(i => i.CampaignId).ToArray());
    }

    [TestMethod]
    public void The_cycle_row_says_how_many_resumes_wait()
    {
        var plan = FiveClearHolds("MaxResumesPerCycle=2", ["FL", "FL", "FL", "FL", "FL"]).Plan();

        StringAssert.Contains(AuditRows.Cycle(plan, Now, dryRun: false).Detail, "3 resumes wait for a later cycle (Policy:MaxResumesPerCycle");
    }

    [TestMethod]
    public void Pauses_are_never_staged()
    {
        var scenario = FiveClearHolds("MaxResumesPerCycle=1", ["FL", "FL", "FL", "FL", "FL"])
            .Alert("A9", "NYZ072").Campaign("n1", CampaignStatus.Running, "US-NY").Campaign("n2", CampaignStatus.Running, "US-NY");

        var plan = scenario.Plan();

        Assert.AreEqual(2, plan.Pauses);
        Assert.AreEqual(1, plan.Resumes);
    }

    private static PlanningScenario FiveClearHolds(string settings, string[] states, bool listNewestFirst = false, string[]? skip = null)
    {
        var scenario = new PlanningScenario().Settings(settings);
        var order = Enumerable.Range(1, 5);
        foreach (var i in listNewestFirst ? order.Reverse() : order)
        {
            var id = "c" + i;
            if (skip?.Contains(id) == true)
            {
                continue;
            }

            var regions = states[i - 1].Split('+').Select(s => "STATE:" + s).ToArray();
            scenario.Campaign(id, CampaignStatus.Paused, string.Join(',', regions.Select(r => r[6..])))
                .ClearHold(id, Now.AddHours(-10 + i), Now.AddHours(-2), regions);
        }

        return scenario;
    }
}
