using System.Globalization;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Planning;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Core.Tests.Planning;

/// <summary>
/// Rule 4's resume rules through the planner: a hold paused Thursday 2026-09-10 12:00Z, clear since Friday 2026-09-11 13:00Z,
/// under a Hurricane Warning that ended Friday 14:00Z. Each row is one situation: the settings, the campaign's time zone, the
/// hold's regions and the cycle's time; then whether it resumes, the rule named, and until when a held-back resume waits.
/// </summary>
[TestClass]
public sealed class ResumeRulesTests
{
    private static readonly DateTimeOffset PausedAt = At("2026-09-10T12:00:00Z");
    private static readonly DateTimeOffset ClearSince = At("2026-09-11T13:00:00Z");
    private static readonly DateTimeOffset HurricaneEnded = At("2026-09-11T14:00:00Z");
    private const string Window = "ResumeNotBefore=09:00;ResumeNotAfter=20:00";

    [TestMethod]
    [DataRow("nothing configured: today's behaviour", "", null, "STATE:FL", "2026-09-11T14:00:00Z", true, "Policy:ClearFor", null)]
    [DataRow("window: 10:00 New York is inside", Window, "America/New_York", "STATE:FL", "2026-09-11T14:00:00Z", true, "Policy:ResumeNotBefore", null)]
    [DataRow("window: Friday 21:00 New York waits for Saturday 09:00", Window, "America/New_York", "STATE:FL", "2026-09-12T01:00:00Z", false, "Policy:ResumeNotAfter", "2026-09-12T13:00:00Z")]
    [DataRow("window: Saturday 08:00 waits for 09:00", Window, "America/New_York", "STATE:FL", "2026-09-12T12:00:00Z", false, "Policy:ResumeNotBefore", "2026-09-12T13:00:00Z")]
    [DataRow("business days: Friday 21:00 waits for Monday 09:00", Window + ";BusinessDays=Mon-Fri", "America/New_York", "STATE:FL", "2026-09-12T01:00:00Z", false, "Policy:ResumeNotAfter", "2026-09-14T13:00:00Z")]
    [DataRow("business days: Saturday 11:00 waits for Monday 09:00", Window + ";BusinessDays=Mon,Tue,Wed,Thu,Fri", "America/New_York", "STATE:FL", "2026-09-12T15:00:00Z", false, "Policy:BusinessDays", "2026-09-14T13:00:00Z")]
    [DataRow("business days: Saturday listed resumes", Window + ";BusinessDays=Mon-Sat", "America/New_York", "STATE:FL", "2026-09-12T15:00:00Z", true, "Policy:ResumeNotBefore", null)]
    [DataRow("another zone: 07:00 Los Angeles waits for 09:00 there", Window, "America/Los_Angeles", "STATE:FL", "2026-09-11T14:00:00Z", false, "Policy:ResumeNotBefore", "2026-09-11T16:00:00Z")]
    [DataRow("no zone: the default zone's window", Window + ";DefaultTimeZone=America/Chicago", null, "STATE:FL", "2026-09-11T13:30:00Z", false, "Policy:ResumeNotBefore", "2026-09-11T14:00:00Z")]
    [DataRow("no zone, no default: UTC", Window, null, "STATE:FL", "2026-09-11T13:30:00Z", true, "Policy:ResumeNotBefore", null)]
    [DataRow("minimum hold not over", "MinimumHold=3.00:00:00", null, "STATE:FL", "2026-09-11T14:00:00Z", false, "Policy:MinimumHold", "2026-09-13T12:00:00Z")]
    [DataRow("minimum hold over: it names the rule", "MinimumHold=12:00:00", null, "STATE:FL", "2026-09-11T14:00:00Z", true, "Policy:MinimumHold", null)]
    [DataRow("hold after the hurricane's end", "HoldAfter:Hurricane Warning=3.00:00:00", null, "STATE:FL", "2026-09-12T14:00:00Z", false, "Policy:HoldAfter:Hurricane Warning", "2026-09-14T14:00:00Z")]
    [DataRow("hold after, named with _ for the space", "HoldAfter:Hurricane_Warning=3.00:00:00", null, "STATE:FL", "2026-09-12T14:00:00Z", false, "Policy:HoldAfter:Hurricane_Warning", "2026-09-14T14:00:00Z")]
    [DataRow("hold after, over", "HoldAfter:Hurricane Warning=1.00:00:00", null, "STATE:FL", "2026-09-12T14:00:00Z", true, "Policy:HoldAfter:Hurricane Warning", null)]
    [DataRow("hold after another event does not apply", "HoldAfter:Tornado Warning=3.00:00:00", null, "STATE:FL", "2026-09-12T14:00:00Z", true, "Policy:ClearFor", null)]
    [DataRow("hold after, then the window", Window + ";HoldAfter:Hurricane Warning=1.12:00:00", "America/New_York", "STATE:FL", "2026-09-12T14:00:00Z", false, "Policy:ResumeNotAfter", "2026-09-13T13:00:00Z")]
    [DataRow("Oregon: through the start of the next business day", Window + ";States:OR:ResumeNextBusinessDay=true", "America/Los_Angeles", "UGC:ORZ004", "2026-09-11T17:00:00Z", false, "Policy:States:OR:ResumeNextBusinessDay", "2026-09-14T16:00:00Z")]
    [DataRow("Oregon's rule does not reach Florida", Window + ";States:OR:ResumeNextBusinessDay=true", "America/Los_Angeles", "STATE:FL", "2026-09-11T17:00:00Z", true, "Policy:ResumeNotBefore", null)]
    [DataRow("Oregon: on the next business day it resumes", Window + ";States:OR:ResumeNextBusinessDay=true", "America/Los_Angeles", "SAME:041051", "2026-09-14T16:00:00Z", true, "Policy:States:OR:ResumeNextBusinessDay", null)]
    [DataRow("a state's later opening", Window + ";States:OR:ResumeNotBefore=10:00", "America/Los_Angeles", "STATE:OR", "2026-09-11T16:30:00Z", false, "Policy:States:OR:ResumeNotBefore", "2026-09-11T17:00:00Z")]
    [DataRow("a state's own minimum hold", "MinimumHold=12:00:00;States:OR:MinimumHold=2.00:00:00", null, "STATE:OR", "2026-09-11T14:00:00Z", false, "Policy:States:OR:MinimumHold", "2026-09-12T12:00:00Z")]
    [DataRow("two states: the strictest wins", "States:OR:MinimumHold=2.00:00:00;States:WA:MinimumHold=3.00:00:00", null, "STATE:OR,STATE:WA", "2026-09-11T14:00:00Z", false, "Policy:States:WA:MinimumHold", "2026-09-13T12:00:00Z")]
    [DataRow("a state's hold after", "States:FL:HoldAfter:Hurricane Warning=2.00:00:00", null, "UGC:FLZ172", "2026-09-12T14:00:00Z", false, "Policy:States:FL:HoldAfter:Hurricane Warning", "2026-09-13T14:00:00Z")]
    public void Resume_rules_decide_and_name_the_rule(string situation, string settings, string? zone, string regions, string now,
        bool resumes, string rule, string? until)
    {
        var plan = Scenario(settings, zone, regions.Split(',')).Plan(At(now));

        var decision = plan.Decisions.Single();
        Assert.AreEqual(resumes ? DecisionKind.Resume : DecisionKind.None, decision.Kind, $"{situation}: {decision.Why}");
        StringAssert.Contains(decision.Why, resumes ? "resumed under " + rule + ":" : "by " + rule + ":", situation);
        if (until is not null)
        {
            StringAssert.Contains(decision.Why, $"until {At(until):u}", situation);
            var heldBack = decision.Change!.Hold;
            Assert.AreEqual(rule, heldBack.ResumeHeldBy, situation);
            Assert.AreEqual(At(until), heldBack.ResumeHeldUntil, situation);
            Assert.AreEqual(HoldState.Held, heldBack.State, situation);
        }
        else
        {
            Assert.AreEqual(InterventionAction.Resume, plan.Interventions.Single().Action, situation);
        }
    }

    [TestMethod]
    public void Window_follows_the_campaigns_clock_across_the_dst_change()
    {
        // Sunday 2026-03-08 New York moves to EDT: 09:00 is 13:00Z; the day before it was 14:00Z.
        var policy = "ResumeNotBefore=09:00;ResumeNotAfter=20:00";
        var saturday = Scenario(policy, "America/New_York", ["STATE:FL"], At("2026-03-06T12:00:00Z"), At("2026-03-07T06:00:00Z")).Plan(At("2026-03-07T13:30:00Z"));
        var sunday = Scenario(policy, "America/New_York", ["STATE:FL"], At("2026-03-06T12:00:00Z"), At("2026-03-07T06:00:00Z")).Plan(At("2026-03-08T13:30:00Z"));

        StringAssert.Contains(saturday.Decisions.Single().Why, $"until {At("2026-03-07T14:00:00Z"):u} by Policy:ResumeNotBefore");
        Assert.AreEqual(DecisionKind.Resume, sunday.Decisions.Single().Kind, sunday.Decisions.Single().Why);
    }

    [TestMethod]
    public void An_unknown_time_zone_uses_the_default_warns_and_keeps_the_hold()
    {
        var plan = Scenario(Window + ";DefaultTimeZone=America/Chicago", "Mars/Olympus_Mons\u001b[31m", ["STATE:FL"]).Plan(At("2026-09-11T13:30:00Z"));

        var decision = plan.Decisions.Single();
        // 08:30 in Chicago: the default's window, so not yet.
        Assert.AreEqual(DecisionKind.None, decision.Kind);
        StringAssert.Contains(decision.Why, $"until {At("2026-09-11T14:00:00Z"):u} by Policy:ResumeNotBefore");
        StringAssert.Contains(decision.Warning, "is unknown; Policy:DefaultTimeZone (America/Chicago) was used instead");
        Assert.IsFalse(decision.Warning!.Contains('\u001b'), decision.Warning);
        Assert.IsTrue(decision.Change!.Hold.IsActive, "the hold is kept");
        var row = AuditRows.Warning(plan, plan.Warnings.Single());
        Assert.AreEqual(AuditOutcome.Warning, row.Outcome);
        Assert.AreEqual("c1", row.CampaignId);
        // One row a day however many cycles meet it: a later cycle the same day lands on the same key.
        var later = Scenario(Window + ";DefaultTimeZone=America/Chicago", "Mars/Olympus_Mons\u001b[31m", ["STATE:FL"]).Plan(At("2026-09-11T15:30:00Z"));
        Assert.AreEqual(row.RowKey, AuditRows.Warning(later, later.Warnings.Single()).RowKey);
    }

    [TestMethod]
    public void A_known_zone_and_no_rule_needing_one_give_no_warning()
    {
        Assert.IsFalse(Scenario(Window, "America/New_York", ["STATE:FL"]).Plan(At("2026-09-11T14:00:00Z")).Warnings.Any());
        Assert.IsFalse(Scenario("MinimumHold=01:00:00", "Mars/Olympus_Mons", ["STATE:FL"]).Plan(At("2026-09-11T14:00:00Z")).Warnings.Any());
    }

    [TestMethod]
    public void A_held_back_resume_is_written_once_until_its_rule_or_time_changes()
    {
        var first = Scenario(Window, "America/New_York", ["STATE:FL"]).Plan(At("2026-09-12T01:00:00Z"));
        var change = first.Decisions.Single().Change!;
        Assert.AreEqual(HoldChangeKind.ResumeHeldBack, change.Kind);
        var row = AuditRows.ResumeHeldBack(first, change);
        Assert.AreEqual(AuditOutcome.ResumeHeld, row.Outcome);
        Assert.AreEqual("resume-held", row.Outcome.ToWire());
        StringAssert.Contains(row.Detail, "by Policy:ResumeNotAfter");

        // The next cycle, an hour later, the same rule holds it until the same time: no ledger write, no row.
        var same = Scenario(Window, "America/New_York", ["STATE:FL"], heldBy: "Policy:ResumeNotAfter", heldUntil: At("2026-09-12T13:00:00Z")).Plan(At("2026-09-12T02:00:00Z"));
        Assert.IsNull(same.Decisions.Single().Change);
        Assert.AreEqual(0, same.HoldChanges.Count);

        // After midnight the rule that holds it is another: a new row.
        var next = Scenario(Window, "America/New_York", ["STATE:FL"], heldBy: "Policy:ResumeNotAfter", heldUntil: At("2026-09-12T13:00:00Z")).Plan(At("2026-09-12T05:00:00Z"));
        Assert.AreEqual("Policy:ResumeNotBefore", next.HoldChanges.Single().Hold.ResumeHeldBy);
    }

    [TestMethod]
    public void A_resume_names_its_rule_in_its_planned_audit_row()
    {
        var plan = Scenario(Window + ";MinimumHold=12:00:00", "America/New_York", ["STATE:FL"]).Plan(At("2026-09-11T14:00:00Z"));

        var row = AuditRows.Planned(plan.Interventions.Single(), dryRun: false);

        Assert.AreEqual("resume", row.Action);
        StringAssert.Contains(row.Detail, "resumed under Policy:MinimumHold:");
        StringAssert.Contains(row.Detail, "inside the calling window 09:00–20:00 every day America/New_York");
    }

    [TestMethod]
    public void Clear_for_is_still_the_first_rule()
    {
        var plan = Scenario(Window, "America/New_York", ["STATE:FL"]).Plan(ClearSince.AddMinutes(10));

        StringAssert.Contains(plan.Decisions.Single().Why, "held: clear for 10 of 30 min");
        Assert.AreEqual(0, plan.HoldChanges.Count);
    }

    [TestMethod]
    public void A_manual_hold_still_wins_over_every_rule()
    {
        var scenario = new PlanningScenario().Campaign("c1", CampaignStatus.Paused, "US-FL").Hold("c1", HoldState.Held, manualReason: "levee").Settings("MinimumHold=00:01:00");

        Assert.AreEqual(DecisionKind.None, scenario.Plan().Decisions.Single().Kind);
    }

    [TestMethod]
    public void Still_affected_holds_remember_the_latest_end_of_each_event()
    {
        var ends = PlanningScenario.Now.AddHours(9);
        var plan = new PlanningScenario()
            .Alert("A1", "FLZ172", ends: PlanningScenario.Now.AddHours(4))
            .Alert("A2", "FLZ172", ends: ends)
            .Alert("A3", "FLZ172", @event: "Storm Surge Warning", ends: PlanningScenario.Now.AddHours(2))
            .Campaign("c1", CampaignStatus.Paused, "US-FL")
            .Hold("c1", HoldState.Held)
            .Plan();

        var hold = plan.HoldChanges.Single().Hold;
        Assert.AreEqual(ends, hold.EventEnds["Hurricane Warning"]);
        Assert.AreEqual(PlanningScenario.Now.AddHours(2), hold.EventEnds["storm surge warning"]);
    }

    private static PlanningScenario Scenario(string settings, string? zone, string[] regions, DateTimeOffset? pausedAt = null, DateTimeOffset? clearSince = null,
        string? heldBy = null, DateTimeOffset? heldUntil = null)
    {
        var attributes = zone is null ? null : new Dictionary<string, string> { [Campaign.TimeZoneAttribute] = zone };
        return new PlanningScenario()
            .Campaign("c1", CampaignStatus.Paused, "US-FL", attributes: attributes)
            .ClearHold("c1", pausedAt ?? PausedAt, clearSince ?? ClearSince, regions, eventEnds: new() { ["Hurricane Warning"] = HurricaneEnded }, heldBy: heldBy, heldUntil: heldUntil)
            .Settings(settings);
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
