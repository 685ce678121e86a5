using WeatherCampaign.Core.Alerts;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Planning;
using static WeatherCampaign.Core.Tests.Planning.LineageStory;

namespace WeatherCampaign.Core.Tests.Planning;

/// <summary>Rule 7: alert lineage. A hold is held for the whole lineage, and a person's override covers every re-issue that says nothing new.</summary>
[TestClass]
public sealed class AlertLineageTests
{
    /// <summary>
    /// A person resumed the campaign under A (a Tropical Storm Warning, Severe, from NWS), whose re-issue A1 the hold has seen
    /// too. One alert arrives; does it pause the campaign again? Feeds: nws; nws-east (the same source, <c>nws</c>); other.
    /// </summary>
    [TestMethod]
    [DataRow("A2", "Tropical Storm Warning", AlertSeverity.Severe, "A", "nws", false, DisplayName = "re-issue of A, same event and severity -> stands")]
    [DataRow("A2", "Tropical Storm Warning", AlertSeverity.Severe, "A1", "nws", false, DisplayName = "re-issue of the re-issue A1 (A has left the feed) -> stands")]
    [DataRow("A2", "Tropical Storm Warning", AlertSeverity.Severe, "A1,A", "nws-east", false, DisplayName = "re-issue in another feed of the same source -> stands")]
    [DataRow("A2", "Tropical Storm Warning", AlertSeverity.Severe, "A", "other", true, DisplayName = "re-issue claimed by another source -> news, pause")]
    [DataRow("A2", "Tropical Storm Warning", AlertSeverity.Extreme, "A", "nws", true, DisplayName = "re-issue whose severity rises -> news, pause")]
    [DataRow("A2", "Hurricane Warning", AlertSeverity.Severe, "A1", "nws", true, DisplayName = "re-issue whose event changes (TS -> Hurricane) -> news, pause")]
    [DataRow("B", "Tropical Storm Warning", AlertSeverity.Severe, "", "nws", true, DisplayName = "alert outside the lineage -> news, pause")]
    [DataRow("B2", "Tropical Storm Warning", AlertSeverity.Severe, "B", "nws", true, DisplayName = "re-issue of an alert the person never weighed -> news, pause")]
    [DataRow("A", "Tropical Storm Warning", AlertSeverity.Severe, "", "nws", false, DisplayName = "the very alert the person weighed -> stands")]
    public void Persons_override_stands_through_re_issues_and_gives_way_to_news(string id, string @event, AlertSeverity severity, string references, string feed, bool pauses)
    {
        var scenario = new PlanningScenario()
            .Alert(id, "FLZ172", severity, @event, references.Length == 0 ? AlertMessageType.Alert : AlertMessageType.Update,
                references: references.Split(',', StringSplitOptions.RemoveEmptyEntries), feed: feed)
            .SecondFeed("nws-east", source: "nws").SecondFeed("other")
            .Campaign("c1", CampaignStatus.Running, "US-FL")
            .Hold("c1", HoldState.Overridden, alertIds: ["A", "A1"], suppressed: ["A", "A1"], severity: "Severe", lineage:
            [
                new LineageEntry("A", null, "nws", "Tropical Storm Warning", "Severe"),
                new LineageEntry("A1", "A", "nws", "Tropical Storm Warning", "Severe"),
            ]);

        var decision = scenario.Plan().Decisions.Single();

        Assert.AreEqual(pauses ? DecisionKind.Pause : DecisionKind.None, decision.Kind, decision.Why);
        if (pauses)
        {
            StringAssert.Contains(decision.Why, "news");
        }
        else if (id != "A")
        {
            StringAssert.Contains(decision.Why, $"{id} re-issue of");
            var change = decision.Change!;
            Assert.AreEqual(HoldChangeKind.Reissued, change.Kind);
            CollectionAssert.Contains(change.Hold.SuppressedAlertIds.ToList(), id, "the re-issue's own re-issues are covered next");
            Assert.AreEqual(1, change.Reissues!.Count);
        }
    }

    /// <summary>A held campaign under one alert of a lineage: whatever arrives keeps it held; only a known chain is named a re-issue.</summary>
    [TestMethod]
    [DataRow("A2", "A", "nws", "A2 re-issue of A", DisplayName = "re-issue -> held, clock from now, re-issue named")]
    [DataRow("A2", "A1", "nws-east", "A2 re-issue of A1", DisplayName = "re-issue of the re-issue, other feed of the source -> held, named")]
    [DataRow("A2", "A", "other", null, DisplayName = "re-issue claimed by another source -> held by it, not named a re-issue")]
    [DataRow("B", "", "nws", null, DisplayName = "another alert -> held, not a re-issue")]
    public void Hold_is_held_for_the_whole_lineage(string id, string references, string feed, string? named)
    {
        var scenario = new PlanningScenario()
            .Alert(id, "FLZ172", AlertSeverity.Severe, "Tropical Storm Warning", references.Length == 0 ? AlertMessageType.Alert : AlertMessageType.Update,
                references: references.Split(',', StringSplitOptions.RemoveEmptyEntries), feed: feed)
            .SecondFeed("nws-east", source: "nws").SecondFeed("other")
            .Campaign("c1", CampaignStatus.Paused, "US-FL")
            .Hold("c1", HoldState.Held, alertIds: ["A", "A1"], severity: "Severe", lastAffected: PlanningScenario.Now.AddHours(-2), lineage:
            [
                new LineageEntry("A", null, "nws", "Tropical Storm Warning", "Severe"),
                new LineageEntry("A1", "A", "nws", "Tropical Storm Warning", "Severe"),
            ]);

        var decision = scenario.Plan().Decisions.Single();

        Assert.AreEqual(DecisionKind.None, decision.Kind, decision.Why);
        var change = decision.Change!;
        Assert.AreEqual(HoldChangeKind.StillAffected, change.Kind);
        Assert.AreEqual(HoldState.Held, change.Hold.State);
        Assert.AreEqual(PlanningScenario.Now, change.Hold.ClearSince, "the clear-for clock runs from the latest alert of the lineage");
        CollectionAssert.Contains(change.Hold.AlertIds.ToList(), id);
        if (named is null)
        {
            Assert.IsTrue(change.Reissues is null or { Count: 0 }, decision.Why);
        }
        else
        {
            CollectionAssert.AreEqual(new[] { named }, change.Reissues!.ToList());
            StringAssert.Contains(decision.Why, named);
        }
    }

    [TestMethod]
    public void Chain_of_re_issues_leaves_the_persons_decision_standing_after_the_first_issue_has_left_the_feed()
    {
        var story = new LineageStory();
        Assert.AreEqual(DecisionKind.Pause, story.Cycle(0, Alert("A")).Kind, "A pauses");
        story.PersonResumes();

        Assert.AreEqual(DecisionKind.None, story.Cycle(5, Alert("A")).Kind, "the person's resume is seen");
        Assert.AreEqual(HoldState.Overridden, story.Hold!.State);
        Assert.AreEqual(DecisionKind.None, story.Cycle(180, Alert("A1", references: ["A"])).Kind, "A1 re-issues A");
        var third = story.Cycle(180, Alert("A2", references: ["A1"]));
        Assert.AreEqual(DecisionKind.None, third.Kind, "A2 names only A1, which the hold remembers as a re-issue of A: " + third.Why);
        StringAssert.Contains(third.Why, "A2 re-issue of A1");

        var upgrade = story.Cycle(180, Alert("A3", "Hurricane Warning", AlertSeverity.Extreme, references: ["A2"]));

        Assert.AreEqual(DecisionKind.Pause, upgrade.Kind, "real news: " + upgrade.Why);
        StringAssert.Contains(upgrade.Why, "event changed");
        Assert.AreEqual(HoldState.Held, story.Hold!.State);
        CollectionAssert.IsSubsetOf(new[] { "A", "A1", "A2" }, story.Hold.SuppressedAlertIds.ToList(), "the person's decisions carry over into the new hold");
    }

    [TestMethod]
    public void Person_resuming_while_the_first_issue_is_already_replaced_is_not_overturned()
    {
        var story = new LineageStory();
        story.Cycle(0, Alert("A"));
        story.PersonResumes();

        // The next cycle sees the person's resume and A1 at once; the hold has only A's id, from the pause message.
        var decision = story.Cycle(5, Alert("A1", references: ["A"]));

        Assert.AreEqual(DecisionKind.None, decision.Kind, decision.Why);
        Assert.AreEqual(HoldState.Overridden, story.Hold!.State);
        CollectionAssert.Contains(story.Hold.SuppressedAlertIds.ToList(), "A1");
    }

    [TestMethod]
    public void Person_resuming_while_the_service_holds_is_overturned_by_a_severity_rise_in_a_later_re_issue()
    {
        var story = new LineageStory();
        story.Cycle(0, Alert("A"));
        story.PersonResumes();
        story.Cycle(5, Alert("A"));
        story.Cycle(180, Alert("A1", references: ["A"]));

        var rise = story.Cycle(180, Alert("A2", severity: AlertSeverity.Extreme, references: ["A1", "A"]));

        Assert.AreEqual(DecisionKind.Pause, rise.Kind, rise.Why);
        StringAssert.Contains(rise.Why, "severity rose (Severe → Extreme)");
        // Once the person resumes again, the re-issues of the Extreme warning leave that decision standing.
        story.PersonResumes();
        story.Cycle(5, Alert("A2", severity: AlertSeverity.Extreme, references: ["A1", "A"]));
        Assert.AreEqual(DecisionKind.None, story.Cycle(180, Alert("A3", severity: AlertSeverity.Extreme, references: ["A2"])).Kind);
    }

    [TestMethod]
    public void Held_campaign_is_kept_through_a_chain_and_resumed_only_once_the_last_re_issue_is_gone_for_the_clear_for_period()
    {
        var story = new LineageStory();
        story.Cycle(0, Alert("A"));
        story.Cycle(180, Alert("A1", references: ["A"]));
        story.Cycle(180, Alert("A2", references: ["A1"]));
        var lastSeen = story.Now;

        Assert.AreEqual(DecisionKind.None, story.Cycle(20).Kind, "clear for 20 of 30 min: still held");
        Assert.AreEqual(lastSeen, story.Hold!.ClearSince);
        var resume = story.Cycle(10);

        Assert.AreEqual(DecisionKind.Resume, resume.Kind, resume.Why);
        CollectionAssert.AreEqual(new[] { "A", "A1", "A2" }, resume.Reason!.AlertIds.ToList(), "the resume names the whole lineage");
        // A came with the pause message; the cycles that saw the hold recorded its re-issues.
        CollectionAssert.AreEqual(new[] { "A1", "A2" }, story.Hold!.Lineage.Select(e => e.AlertId).ToList());
        CollectionAssert.AreEqual(new[] { "A", "A1" }, story.Hold.Lineage.Select(e => e.ReissueOf).ToList());
    }

    [TestMethod]
    public void Cancel_in_the_middle_of_a_chain_clears_the_campaign_without_losing_the_hold()
    {
        var story = new LineageStory();
        story.Cycle(0, Alert("A"));
        story.Cycle(180, Alert("A1", references: ["A"]));

        // The cancel of A1 arrives beside A1 itself: neither counts.
        var cancelled = story.Cycle(10, Alert("A1", references: ["A"]), Alert("C", references: ["A1"], type: AlertMessageType.Cancel));

        Assert.AreEqual(DecisionKind.None, cancelled.Kind, cancelled.Why);
        StringAssert.Contains(cancelled.Why, "clear for 10 of 30 min");
        Assert.AreEqual(HoldState.Held, story.Hold!.State, "the hold stands until the clear-for period has passed");
        Assert.AreEqual(DecisionKind.Resume, story.Cycle(20, Alert("C", references: ["A1"], type: AlertMessageType.Cancel)).Kind);
    }

    [TestMethod]
    public void Cancel_in_the_middle_of_a_chain_under_an_override_leaves_the_later_news_to_act()
    {
        var story = new LineageStory();
        story.Cycle(0, Alert("A"));
        story.PersonResumes();
        story.Cycle(5, Alert("A"));
        Assert.AreEqual(DecisionKind.None, story.Cycle(60, Alert("A1", references: ["A"]), Alert("C", references: ["A1"], type: AlertMessageType.Cancel)).Kind);

        var later = story.Cycle(60, Alert("B", "Hurricane Warning", AlertSeverity.Extreme));

        Assert.AreEqual(DecisionKind.Pause, later.Kind, later.Why);
        StringAssert.Contains(later.Why, "B (Hurricane Warning, Extreme) is a new alert");
    }

    [TestMethod]
    [DataRow(false, DisplayName = "A references B references A, both in the feed")]
    [DataRow(true, DisplayName = "the hold remembers A as a re-issue of B and B of A")]
    public void Reference_cycle_terminates_and_loses_no_hold(bool remembered)
    {
        var lineage = remembered
            ? new[] { new LineageEntry("A", "B", "nws", "Hurricane Warning", "Severe"), new LineageEntry("B", "A", "nws", "Hurricane Warning", "Severe") }
            : [];
        var plan = new PlanningScenario()
            .Alert("A", "FLZ172", type: AlertMessageType.Update, references: ["B"])
            .Alert("B", "FLZ172", type: AlertMessageType.Update, references: ["A"])
            .Alert("C", "FLZ172", type: AlertMessageType.Update, references: ["A"])
            .Campaign("held", CampaignStatus.Paused, "US-FL")
            .Campaign("overridden", CampaignStatus.Running, "US-FL")
            .Hold("held", HoldState.Held, alertIds: ["A"], severity: "Severe", lineage: lineage)
            .Hold("overridden", HoldState.Overridden, alertIds: ["A"], suppressed: ["A", "B"], severity: "Severe", lineage: lineage)
            .Plan();

        Assert.AreEqual(HoldState.Held, plan.HoldChanges.Single(c => c.Hold.CampaignId == "held").Hold.State);
        Assert.AreEqual(DecisionKind.None, plan.Decisions.Single(d => d.Campaign.Id == "overridden").Kind, "C re-issues A, which the person weighed");
    }

    [TestMethod]
    public void Hold_keeps_only_the_newest_lineage_entries()
    {
        var hold = new WeatherHold { CampaignId = "c1", State = HoldState.Held };
        var entries = Enumerable.Range(0, WeatherHold.MaxLineage + 10).Select(i => new LineageEntry($"A{i}", i == 0 ? null : $"A{i - 1}", "nws", "Tropical Storm Warning", "Severe")).ToList();

        var kept = hold.WithLineage(entries, [], PlanningScenario.Now).WithLineage([entries[^1]], [], PlanningScenario.Now);

        Assert.HasCount(WeatherHold.MaxLineage, kept.Lineage);
        Assert.AreEqual($"A{WeatherHold.MaxLineage + 9}", kept.Lineage[^1].AlertId);
        Assert.AreEqual("A10", kept.Lineage[0].AlertId);
    }
}
