using WeatherCampaign.Core.Alerts;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Planning;
using static WeatherCampaign.Core.Tests.Planning.PlanningScenario;

namespace WeatherCampaign.Core.Tests.Planning;

[TestClass]
public sealed class InterventionPlannerTests
{
    // Rule 2 and 3, for every campaign status and hold state: one row per situation.
    [TestMethod]
    [DataRow(CampaignStatus.Running, null, true, DecisionKind.Pause, DisplayName = "running, warned, not held -> pause")]
    [DataRow(CampaignStatus.Running, null, false, DecisionKind.None, DisplayName = "running, clear -> nothing")]
    [DataRow(CampaignStatus.Paused, null, true, DecisionKind.None, DisplayName = "paused by someone else, warned -> nothing")]
    [DataRow(CampaignStatus.Paused, null, false, DecisionKind.None, DisplayName = "paused by someone else, clear -> not ours to resume")]
    [DataRow(CampaignStatus.Draft, null, true, DecisionKind.None, DisplayName = "draft, warned -> nothing")]
    [DataRow(CampaignStatus.Completed, null, true, DecisionKind.None, DisplayName = "completed, warned -> nothing")]
    [DataRow(CampaignStatus.Unknown, null, true, DecisionKind.None, DisplayName = "unknown status, warned -> left alone")]
    [DataRow(CampaignStatus.Paused, HoldState.Held, true, DecisionKind.None, DisplayName = "held, still warned -> nothing")]
    [DataRow(CampaignStatus.Paused, HoldState.Held, false, DecisionKind.Resume, DisplayName = "held, clear long enough -> resume")]
    [DataRow(CampaignStatus.Paused, HoldState.Pausing, false, DecisionKind.Resume, DisplayName = "pause recorded and applied, clear -> resume")]
    [DataRow(CampaignStatus.Running, HoldState.Pausing, true, DecisionKind.Pause, DisplayName = "pause recorded but not applied, warned -> pause again")]
    [DataRow(CampaignStatus.Running, HoldState.Held, true, DecisionKind.None, DisplayName = "held but a person resumed it, warned -> not paused again")]
    [DataRow(CampaignStatus.Running, HoldState.Held, false, DecisionKind.None, DisplayName = "held but a person resumed it, clear -> nothing")]
    [DataRow(CampaignStatus.Paused, HoldState.Released, false, DecisionKind.None, DisplayName = "released earlier, paused by a person since -> nothing")]
    [DataRow(CampaignStatus.Draft, HoldState.Held, false, DecisionKind.None, DisplayName = "held, then drafted -> nothing")]
    public void Decides_by_status_hold_and_weather(CampaignStatus status, HoldState? hold, bool warned, DecisionKind expected)
    {
        var scenario = new PlanningScenario().Campaign("c1", status, "US-NY", rawStatus: status == CampaignStatus.Unknown ? "archived" : null);
        if (warned)
        {
            scenario.Alert("A1", "NYZ072");
        }

        if (hold is { } state)
        {
            scenario.Hold("c1", state, lastAffected: Now.AddHours(-2));
        }

        var plan = scenario.Plan();

        Assert.AreEqual(PlanVerdict.Planned, plan.Verdict);
        Assert.AreEqual(expected, plan.Decisions.Single().Kind, plan.Decisions.Single().Why);
        Assert.AreEqual(expected == DecisionKind.None ? 0 : 1, plan.Interventions.Count);
    }

    [TestMethod]
    public void Pauses_running_campaign_in_warned_zone()
    {
        var plan = new PlanningScenario()
            .Alert("A1", "NYZ072", AlertSeverity.Extreme, ends: Now.AddHours(4))
            .Campaign("c1", CampaignStatus.Running, "US-NY")
            .Plan();

        var pause = plan.Interventions.Single();
        Assert.AreEqual(InterventionAction.Pause, pause.Action);
        Assert.AreEqual("c1", pause.CampaignId);
        CollectionAssert.AreEqual(new[] { "A1" }, pause.Reason.AlertIds.ToArray());
        CollectionAssert.AreEqual(new[] { "Hurricane Warning" }, pause.Reason.Events.ToArray());
        CollectionAssert.Contains(pause.Reason.Regions.ToList(), "STATE:NY");
        Assert.AreEqual("Extreme", pause.Reason.Severity);
        Assert.AreEqual(Now.AddHours(4), pause.Reason.Until);
        Assert.AreEqual("cycle-1", pause.CycleId);
    }

    [TestMethod]
    public void Leaves_campaigns_in_other_regions_running()
    {
        var plan = new PlanningScenario()
            .Alert("A1", "FLZ172")
            .Campaign("c1", CampaignStatus.Running, "US-NY")
            .Campaign("c2", CampaignStatus.Running, "UGC:FLZ172")
            .Plan();

        Assert.AreEqual("c2", plan.Interventions.Single().CampaignId);
    }

    [TestMethod]
    public void Configured_group_matches_any_member_state()
    {
        var plan = new PlanningScenario()
            .Alert("A1", "MAZ005")
            .Campaign("c1", CampaignStatus.Running, "US-NE")
            .Plan();

        Assert.AreEqual(InterventionAction.Pause, plan.Interventions.Single().Action);
    }

    [TestMethod]
    public void Zone_campaign_is_not_hit_by_an_alert_elsewhere_in_its_state()
    {
        var plan = new PlanningScenario()
            .Alert("A1", "NYZ001")
            .Campaign("c1", CampaignStatus.Running, "UGC:NYZ072")
            .Plan();

        Assert.AreEqual(0, plan.Interventions.Count);
    }

    [TestMethod]
    [DataRow(AlertSeverity.Minor, false)]
    [DataRow(AlertSeverity.Moderate, false)]
    [DataRow(AlertSeverity.Severe, true)]
    [DataRow(AlertSeverity.Extreme, true)]
    [DataRow(AlertSeverity.Unknown, false)]
    public void Counts_alerts_at_or_above_the_minimum_severity(AlertSeverity severity, bool pauses)
    {
        var plan = new PlanningScenario().Alert("A1", "NYZ072", severity).Campaign("c1", CampaignStatus.Running, "NY").Plan();

        Assert.AreEqual(pauses ? 1 : 0, plan.Interventions.Count);
    }

    [TestMethod]
    public void Unknown_severity_counts_when_configured()
    {
        var scenario = new PlanningScenario().Alert("A1", "NYZ072", AlertSeverity.Unknown).Campaign("c1", CampaignStatus.Running, "NY");
        scenario.Policy.CountUnknownSeverity = true;

        Assert.AreEqual(1, scenario.Plan().Interventions.Count);
    }

    [TestMethod]
    public void Allowed_event_counts_whatever_its_severity_and_denied_event_never_counts()
    {
        var scenario = new PlanningScenario()
            .Alert("A1", "NYZ072", AlertSeverity.Unknown, "Hurricane Warning")
            .Alert("A2", "NJZ001", AlertSeverity.Extreme, "Air Quality Alert")
            .Campaign("ny", CampaignStatus.Running, "NY")
            .Campaign("nj", CampaignStatus.Running, "NJ");
        scenario.Policy.AllowEvents.Add("hurricane warning");
        scenario.Policy.DenyEvents.Add("Air Quality Alert");

        var plan = scenario.Plan();

        Assert.AreEqual("ny", plan.Interventions.Single().CampaignId);
    }

    [TestMethod]
    public void Urgency_and_certainty_floors_apply_when_set()
    {
        var scenario = new PlanningScenario()
            .Alert("A1", "NYZ072", urgency: AlertUrgency.Future)
            .Alert("A2", "NJZ001", certainty: AlertCertainty.Possible)
            .Alert("A3", "PAZ001", urgency: AlertUrgency.Expected, certainty: AlertCertainty.Likely)
            .Campaign("ny", CampaignStatus.Running, "NY")
            .Campaign("nj", CampaignStatus.Running, "NJ")
            .Campaign("pa", CampaignStatus.Running, "PA");
        scenario.Policy.MinimumUrgency = AlertUrgency.Expected;
        scenario.Policy.MinimumCertainty = AlertCertainty.Likely;

        Assert.AreEqual("pa", scenario.Plan().Interventions.Single().CampaignId);
    }

    [TestMethod]
    [DataRow(AlertStatus.Test)]
    [DataRow(AlertStatus.Exercise)]
    [DataRow(AlertStatus.System)]
    [DataRow(AlertStatus.Draft)]
    public void Ignores_alerts_that_are_not_actual(AlertStatus status)
    {
        var plan = new PlanningScenario().Alert("A1", "NYZ072", status: status).Campaign("c1", CampaignStatus.Running, "NY").Plan();

        Assert.AreEqual(0, plan.Interventions.Count);
    }

    [TestMethod]
    public void Ignores_alerts_that_have_ended_or_start_beyond_the_look_ahead()
    {
        var plan = new PlanningScenario()
            .Alert("ended", "NYZ072", ends: Now.AddMinutes(-1))
            .Alert("later", "NJZ001", onset: Now.AddHours(5))
            .Alert("soon", "PAZ001", onset: Now.AddHours(2))
            .Campaign("ny", CampaignStatus.Running, "NY")
            .Campaign("nj", CampaignStatus.Running, "NJ")
            .Campaign("pa", CampaignStatus.Running, "PA")
            .Plan();

        Assert.AreEqual("pa", plan.Interventions.Single().CampaignId);
    }

    [TestMethod]
    public void Cancel_supersedes_the_alert_it_references_and_never_counts_itself()
    {
        var plan = new PlanningScenario()
            .Alert("A1", "NYZ072")
            .Alert("C1", "NYZ072", type: AlertMessageType.Cancel, references: ["A1"])
            .Campaign("c1", CampaignStatus.Running, "NY")
            .Plan();

        Assert.AreEqual(0, plan.Interventions.Count);
        Assert.AreEqual(0, plan.AlertsCounting);
    }

    [TestMethod]
    public void Cancel_from_another_source_does_not_retire_an_alert()
    {
        var plan = new PlanningScenario()
            .SecondFeed("county-feed")
            .Alert("A1", "NYZ072")
            .Alert("C1", "NYZ072", type: AlertMessageType.Cancel, references: ["A1"], feed: "county-feed")
            .Campaign("c1", CampaignStatus.Running, "NY")
            .Plan();

        Assert.AreEqual(1, plan.Pauses, "only the publisher of A1 may cancel it");
    }

    [TestMethod]
    public void Feeds_configured_as_one_source_supersede_each_others_alerts()
    {
        var plan = new PlanningScenario()
            .SecondFeed("nws-atom", source: "nws")
            .Alert("A1", "NYZ072")
            .Alert("C1", "NYZ072", type: AlertMessageType.Cancel, references: ["A1"], feed: "nws-atom")
            .Campaign("c1", CampaignStatus.Running, "NY")
            .Plan();

        Assert.AreEqual(0, plan.Pauses);
    }

    [TestMethod]
    public void Update_replaces_the_alert_it_references_with_its_own_area()
    {
        var plan = new PlanningScenario()
            .Alert("A1", "NYZ072")
            .Alert("U1", "NJZ001", type: AlertMessageType.Update, references: ["A1"])
            .Campaign("ny", CampaignStatus.Running, "NY")
            .Campaign("nj", CampaignStatus.Running, "NJ")
            .Plan();

        var pause = plan.Interventions.Single();
        Assert.AreEqual("nj", pause.CampaignId);
        CollectionAssert.AreEqual(new[] { "U1" }, pause.Reason.AlertIds.ToArray());
    }

    [TestMethod]
    public void Chain_of_updates_ending_in_a_cancel_leaves_nothing_in_force()
    {
        var plan = new PlanningScenario()
            .Alert("A1", "NYZ072")
            .Alert("U1", "NYZ072", type: AlertMessageType.Update, references: ["A1"])
            .Alert("U2", "NYZ072", type: AlertMessageType.Update, references: ["U1"])
            .Alert("C1", "NYZ072", type: AlertMessageType.Cancel, references: ["U2"])
            .Campaign("c1", CampaignStatus.Running, "NY")
            .Plan();

        Assert.AreEqual(0, plan.Interventions.Count);
    }

    [TestMethod]
    public void Resumes_held_campaign_only_after_the_clear_for_period()
    {
        var early = new PlanningScenario().Campaign("c1", CampaignStatus.Paused, "NY").Hold("c1", HoldState.Held, lastAffected: Now.AddMinutes(-29)).Plan();
        var due = new PlanningScenario().Campaign("c1", CampaignStatus.Paused, "NY").Hold("c1", HoldState.Held, lastAffected: Now.AddMinutes(-30)).Plan();

        Assert.AreEqual(0, early.Interventions.Count);
        var resume = due.Interventions.Single();
        Assert.AreEqual(InterventionAction.Resume, resume.Action);
        CollectionAssert.AreEqual(new[] { "A1" }, resume.Reason.AlertIds.ToArray());
    }

    [TestMethod]
    public void Clear_for_period_comes_from_policy()
    {
        var scenario = new PlanningScenario().Campaign("c1", CampaignStatus.Paused, "NY").Hold("c1", HoldState.Held, lastAffected: Now.AddMinutes(-3));
        scenario.Policy.ClearFor = TimeSpan.FromMinutes(2);

        Assert.AreEqual(InterventionAction.Resume, scenario.Plan().Interventions.Single().Action);
    }

    [TestMethod]
    public void Still_affected_hold_restarts_the_clear_for_clock()
    {
        var plan = new PlanningScenario()
            .Alert("A2", "NYZ072")
            .Campaign("c1", CampaignStatus.Paused, "NY")
            .Hold("c1", HoldState.Held, lastAffected: Now.AddHours(-2))
            .Plan();

        var change = plan.HoldChanges.Single();
        Assert.AreEqual(HoldChangeKind.StillAffected, change.Kind);
        Assert.AreEqual(Now, change.Hold.LastAffectedAt);
        CollectionAssert.AreEquivalent(new[] { "A1", "A2" }, change.Hold.AlertIds.ToArray());
        Assert.AreEqual("W/\"1\"", change.Hold.Version, "the change must carry the ETag it was read with");
    }

    [TestMethod]
    public void Still_affected_hold_keeps_its_alerts_in_order_and_adds_only_new_ones()
    {
        var plan = new PlanningScenario()
            .Alert("A2", "NYZ072")
            .Alert("A3", "NYZ073", AlertSeverity.Extreme)
            .Campaign("c1", CampaignStatus.Paused, "NY")
            .Hold("c1", HoldState.Held, alertIds: ["OLD1", "a2"])
            .Plan();

        var ids = plan.HoldChanges.Single().Hold.AlertIds;
        CollectionAssert.AreEqual(new[] { "OLD1", "a2", "A3" }, ids.ToArray(), "old ids first, then what is new; a2 and A2 are one id");
        Assert.AreEqual(3, ids.Count);
        Assert.AreEqual("A3", ids[2]);
        Assert.AreEqual("[\"OLD1\",\"a2\",\"A3\"]", System.Text.Json.JsonSerializer.Serialize(ids), "the ledger stores the list as JSON");
    }

    [TestMethod]
    public void Still_affected_hold_with_nothing_new_keeps_its_own_list()
    {
        var scenario = new PlanningScenario().Campaign("c1", CampaignStatus.Paused, "NY");
        var held = Enumerable.Range(1, 12).Select(i => $"A{i}").ToArray();
        foreach (var id in held)
        {
            scenario.Alert(id, "NYZ072");
        }

        scenario.Hold("c1", HoldState.Held, alertIds: held.Select(id => id.ToLowerInvariant()).Reverse().ToArray());

        var change = scenario.Plan().HoldChanges.Single();

        CollectionAssert.AreEqual(held.Select(id => id.ToLowerInvariant()).Reverse().ToArray(), change.Hold.AlertIds.ToArray());
    }

    [TestMethod]
    public void Long_hold_lists_merge_without_duplicates()
    {
        var scenario = new PlanningScenario().Campaign("c1", CampaignStatus.Paused, "NY");
        foreach (var i in Enumerable.Range(5, 12))
        {
            scenario.Alert($"A{i}", "NYZ072");
        }

        scenario.Hold("c1", HoldState.Held, alertIds: Enumerable.Range(1, 10).Select(i => $"a{i}").ToArray());

        var ids = scenario.Plan().HoldChanges.Single().Hold.AlertIds;

        Assert.AreEqual(16, ids.Count, string.Join(",", ids));
        Assert.AreEqual(16, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        CollectionAssert.AreEqual(Enumerable.Range(1, 10).Select(i => $"a{i}").ToArray(), ids.Take(10).ToArray());
    }

    [TestMethod]
    [DataRow(3, false, DisplayName = "short lists: same alerts")]
    [DataRow(3, true, DisplayName = "short lists: one new alert")]
    [DataRow(12, false, DisplayName = "long lists: same alerts")]
    [DataRow(12, true, DisplayName = "long lists: one new alert")]
    public void Person_resuming_a_held_campaign_is_paused_again_only_for_a_new_alert(int alerts, bool oneNew)
    {
        var scenario = new PlanningScenario().Campaign("c1", CampaignStatus.Running, "NY");
        var held = Enumerable.Range(1, alerts).Select(i => $"A{i}").ToArray();
        foreach (var id in held)
        {
            scenario.Alert(id, "NYZ072");
        }

        if (oneNew)
        {
            scenario.Alert("NEW", "NYZ073");
        }
        // Half the ids were held, half suppressed by an earlier override, written in another case.
        scenario.Hold("c1", HoldState.Held, alertIds: held.Where((_, i) => i % 2 == 0).ToArray(),
            suppressed: held.Where((_, i) => i % 2 == 1).Select(id => id.ToLowerInvariant()).ToArray());

        var plan = scenario.Plan();

        Assert.AreEqual(oneNew ? 1 : 0, plan.Interventions.Count);
        Assert.AreEqual(HoldChangeKind.Overridden, plan.HoldChanges.Single().Kind);
    }

    [TestMethod]
    public void Person_resuming_a_held_campaign_closes_the_hold_and_suppresses_its_alerts()
    {
        var plan = new PlanningScenario()
            .Alert("A1", "NYZ072")
            .Campaign("c1", CampaignStatus.Running, "NY")
            .Hold("c1", HoldState.Held, alertIds: ["A1"])
            .Plan();

        Assert.AreEqual(0, plan.Interventions.Count);
        var change = plan.HoldChanges.Single();
        Assert.AreEqual(HoldChangeKind.Overridden, change.Kind);
        Assert.AreEqual(HoldState.Overridden, change.Hold.State);
        CollectionAssert.Contains(change.Hold.SuppressedAlertIds.ToList(), "A1");
    }

    [TestMethod]
    public void Person_resuming_a_held_campaign_under_a_new_alert_is_paused_for_the_new_alert()
    {
        var plan = new PlanningScenario()
            .Alert("A1", "NYZ072")
            .Alert("B7", "NYZ073", @event: "Flash Flood Warning")
            .Campaign("c1", CampaignStatus.Running, "NY")
            .Hold("c1", HoldState.Held, alertIds: ["A1"])
            .Plan();

        Assert.AreEqual(InterventionAction.Pause, plan.Interventions.Single().Action);
        var change = plan.HoldChanges.Single();
        Assert.AreEqual(HoldChangeKind.Overridden, change.Kind);
        CollectionAssert.Contains(change.Hold.SuppressedAlertIds.ToList(), "A1");
        CollectionAssert.DoesNotContain(change.Hold.SuppressedAlertIds.ToList(), "B7");
    }

    [TestMethod]
    public void Overridden_campaign_is_not_paused_again_for_the_same_alerts()
    {
        var plan = new PlanningScenario()
            .Alert("A1", "NYZ072")
            .Campaign("c1", CampaignStatus.Running, "NY")
            .Hold("c1", HoldState.Overridden, suppressed: ["A1"])
            .Plan();

        Assert.AreEqual(0, plan.Interventions.Count);
    }

    [TestMethod]
    public void Overridden_campaign_is_paused_again_for_a_new_alert()
    {
        var plan = new PlanningScenario()
            .Alert("A1", "NYZ072")
            .Alert("B7", "NYZ073", @event: "Flash Flood Warning")
            .Campaign("c1", CampaignStatus.Running, "NY")
            .Hold("c1", HoldState.Overridden, suppressed: ["A1"])
            .Plan();

        Assert.AreEqual(InterventionAction.Pause, plan.Interventions.Single().Action);
    }

    [TestMethod]
    public void Transitioning_campaign_is_neither_paused_nor_resumed_until_it_settles()
    {
        var plan = new PlanningScenario()
            .Alert("A1", "NYZ072")
            .Campaign("stopping-affected", CampaignStatus.Transitioning, "NY", rawStatus: "stopping")
            .Campaign("stopping-held", CampaignStatus.Transitioning, "CA", rawStatus: "stopping")
            .Hold("stopping-held", HoldState.Held, lastAffected: Now.AddHours(-3))
            .Plan();

        Assert.AreEqual(0, plan.Interventions.Count);
        Assert.AreEqual(0, plan.HoldChanges.Count, "the hold waits for the status to settle");
        StringAssert.Contains(plan.Decisions[0].Why, "stopping");
    }

    [TestMethod]
    public void Manual_hold_keeps_a_campaign_from_automatic_resume()
    {
        var plan = new PlanningScenario()
            .Campaign("c1", CampaignStatus.Paused, "NY")
            .Hold("c1", HoldState.Held, lastAffected: Now.AddHours(-3), manualReason: "levee inspection")
            .Plan();

        Assert.AreEqual(0, plan.Interventions.Count);
        StringAssert.Contains(plan.Decisions.Single().Why, "levee inspection");
    }

    [TestMethod]
    public void Held_campaign_that_disappeared_ends_its_hold()
    {
        var plan = new PlanningScenario().Campaign("other", CampaignStatus.Running, "CA").Hold("gone", HoldState.Held).Plan();

        var change = plan.HoldChanges.Single();
        Assert.AreEqual(HoldChangeKind.Ended, change.Kind);
        Assert.AreEqual("gone", change.Hold.CampaignId);
    }

    [TestMethod]
    public void Plans_nothing_when_the_listing_failed()
    {
        var plan = new PlanningScenario()
            .Alert("A1", "NYZ072")
            .Campaign("c1", CampaignStatus.Running, "NY")
            .Hold("c2", HoldState.Held)
            .ListingFailed()
            .Plan();

        Assert.AreEqual(PlanVerdict.NoData, plan.Verdict);
        Assert.AreEqual(0, plan.Interventions.Count);
        Assert.AreEqual(0, plan.HoldChanges.Count, "a partial listing must not end holds either");
        StringAssert.Contains(plan.Reason, "page 2 of 3");
    }

    [TestMethod]
    public void Plans_nothing_when_the_only_feed_failed()
    {
        var plan = new PlanningScenario()
            .Campaign("c1", CampaignStatus.Paused, "NY")
            .Hold("c1", HoldState.Held, lastAffected: Now.AddHours(-3))
            .FeedFailed(error: "answered HTML")
            .Plan();

        Assert.AreEqual(PlanVerdict.NoData, plan.Verdict);
        Assert.AreEqual(0, plan.Interventions.Count);
        StringAssert.Contains(plan.Reason, "answered HTML");
    }

    [TestMethod]
    public void Empty_but_healthy_feed_is_real_data_and_resumes_after_clear_for()
    {
        var plan = new PlanningScenario().Campaign("c1", CampaignStatus.Paused, "NY").Hold("c1", HoldState.Held, lastAffected: Now.AddHours(-1)).Plan();

        Assert.AreEqual(PlanVerdict.Planned, plan.Verdict);
        Assert.AreEqual(InterventionAction.Resume, plan.Interventions.Single().Action);
    }

    [TestMethod]
    public void One_failed_feed_of_two_lets_pauses_go_but_resumes_nothing()
    {
        var plan = new PlanningScenario()
            .SecondFeed("cap")
            .FeedFailed("cap", "timed out")
            .Alert("A1", "NJZ001")
            .Campaign("nj", CampaignStatus.Running, "NJ")
            .Campaign("ny", CampaignStatus.Paused, "NY")
            .Hold("ny", HoldState.Held, lastAffected: Now.AddHours(-3))
            .Plan();

        Assert.AreEqual(PlanVerdict.Planned, plan.Verdict);
        Assert.IsFalse(plan.ResumesAllowed);
        Assert.AreEqual("nj", plan.Interventions.Single().CampaignId);
        StringAssert.Contains(plan.Reason, "cap: timed out");
    }

    [TestMethod]
    public void Opted_out_and_excluded_campaigns_are_never_touched()
    {
        var scenario = new PlanningScenario()
            .Alert("A1", "NYZ072")
            .Campaign("optout", CampaignStatus.Running, "NY", attributes: new() { ["weather_automation"] = " OFF " })
            .Campaign("listed", CampaignStatus.Running, "NY")
            .Campaign("normal", CampaignStatus.Running, "NY");
        scenario.Policy.ExcludedCampaigns.Add("listed");

        Assert.AreEqual("normal", scenario.Plan().Interventions.Single().CampaignId);
    }

    [TestMethod]
    public void Cycle_over_the_blast_radius_limit_is_held_for_approval()
    {
        var scenario = new PlanningScenario()
            .Alert("A1", "NYZ072")
            .Campaign("a", CampaignStatus.Running, "NY")
            .Campaign("b", CampaignStatus.Running, "NY")
            .Campaign("c", CampaignStatus.Running, "CA")
            .Campaign("held", CampaignStatus.Paused, "CA")
            .Hold("held", HoldState.Held, lastAffected: Now.AddHours(-3));
        scenario.Policy.MaxPauseShare = 0.5;

        var held = scenario.Plan();
        var approved = scenario.Plan(approve: true);

        Assert.AreEqual(PlanVerdict.HeldForApproval, held.Verdict);
        Assert.AreEqual(0, held.Pauses);
        Assert.AreEqual(1, held.Resumes, "resumes are not what the limit guards");
        Assert.AreEqual(2, held.PausesHeldBack);
        Assert.AreEqual(PlanVerdict.Planned, approved.Verdict);
        Assert.AreEqual(2, approved.Pauses);
    }

    [TestMethod]
    public void Cycle_within_the_blast_radius_limit_goes_ahead()
    {
        var scenario = new PlanningScenario()
            .Alert("A1", "NYZ072")
            .Campaign("a", CampaignStatus.Running, "NY")
            .Campaign("b", CampaignStatus.Running, "CA");
        scenario.Policy.MaxPauseShare = 0.5;

        Assert.AreEqual(PlanVerdict.Planned, scenario.Plan().Verdict);
    }

    [TestMethod]
    public void Intervention_ids_are_unique_within_the_cycle()
    {
        var plan = new PlanningScenario()
            .Alert("A1", "NYZ072")
            .Campaign("a", CampaignStatus.Running, "NY")
            .Campaign("b", CampaignStatus.Running, "NY")
            .Plan();

        Assert.AreEqual(2, plan.Interventions.Select(i => i.Id).Distinct().Count());
    }
}
