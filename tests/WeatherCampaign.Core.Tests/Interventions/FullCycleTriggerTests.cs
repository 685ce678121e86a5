using WeatherCampaign.Core.Alerts;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Planning;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Core.Tests.Interventions;

/// <summary>When a feed poll goes on to list campaigns, and when it ends after the feeds.</summary>
[TestClass]
public sealed class FullCycleTriggerTests
{
    /// <summary>The last full cycle: 10:05:00, on the default PollSchedule (every 5 minutes); the next is due at 10:10:00.</summary>
    private static readonly DateTimeOffset LastFull = new(2026, 9, 10, 10, 5, 0, TimeSpan.Zero);
    private static readonly PolicyOptions Policy = new();
    private static readonly NCrontab.CrontabSchedule EveryFiveMinutes = PollScheduleOptions.TryParse(new PollScheduleOptions().PollSchedule)!;

    private static WeatherAlert Warning(string id = "A1", DateTimeOffset? onset = null, DateTimeOffset? ends = null) => new()
    {
        Id = id,
        Feed = "nws",
        Event = "Tornado Warning",
        Severity = AlertSeverity.Extreme,
        Sent = LastFull.AddMinutes(-20),
        Onset = onset ?? LastFull.AddMinutes(-20),
        Ends = ends ?? LastFull.AddHours(1),
    };

    private static AlertSnapshot Snapshot(params WeatherAlert[] alerts) => new(alerts, [new FeedOutcome("nws", true, alerts.Length)]);

    private static PollState StateOf(AlertSnapshot snapshot) => new(AlertFingerprint.Of(snapshot), LastFull, LastFull, 0);

    private static WeatherHold Held(DateTimeOffset lastAffected, string? manual = null) => new()
    {
        CampaignId = "c1",
        State = HoldState.Held,
        PausedAt = lastAffected.AddHours(-1),
        LastAffectedAt = lastAffected,
        UpdatedAt = lastAffected,
        ManualHoldReason = manual,
    };

    private static FullCycleReason? Why(PollState? state, AlertSnapshot snapshot, DateTimeOffset now, params WeatherHold[] holds) =>
        FullCycleTrigger.Why(state, AlertFingerprint.Of(snapshot), snapshot, holds, Policy, EveryFiveMinutes, now);

    [TestMethod]
    public void Same_alerts_before_the_schedule_end_the_poll_after_the_feeds()
    {
        var snapshot = Snapshot(Warning());

        Assert.IsNull(Why(StateOf(snapshot), snapshot, LastFull.AddSeconds(30)));
    }

    [TestMethod]
    public void Nothing_remembered_runs_a_full_cycle() =>
        Assert.AreEqual(FullCycleReason.NoEarlierCycle, Why(null, Snapshot(), LastFull));

    [TestMethod]
    public void A_remembered_cycle_far_ahead_of_the_clock_counts_as_nothing_remembered()
    {
        var snapshot = Snapshot();

        Assert.AreEqual(FullCycleReason.NoEarlierCycle, Why(StateOf(snapshot), snapshot, LastFull.AddMinutes(-10)));
    }

    [TestMethod]
    public void A_new_warning_runs_a_full_cycle()
    {
        var before = Snapshot(Warning("A1"));

        Assert.AreEqual(FullCycleReason.AlertsChanged, Why(StateOf(before), Snapshot(Warning("A1"), Warning("A2")), LastFull.AddSeconds(30)));
    }

    [TestMethod]
    public void An_updated_end_time_runs_a_full_cycle()
    {
        var before = Snapshot(Warning());

        Assert.AreEqual(FullCycleReason.AlertsChanged, Why(StateOf(before), Snapshot(Warning(ends: LastFull.AddHours(3))), LastFull.AddSeconds(30)));
    }

    [TestMethod]
    public void A_feed_that_fails_runs_a_full_cycle_so_the_cycle_row_says_so()
    {
        var before = Snapshot(Warning());
        var failed = new AlertSnapshot([], [new FeedOutcome("nws", false, 0, "HTTP 500")]);

        Assert.AreEqual(FullCycleReason.AlertsChanged, Why(StateOf(before), failed, LastFull.AddSeconds(30)));
    }

    [TestMethod]
    public void The_same_alerts_in_another_order_are_unchanged()
    {
        var before = Snapshot(Warning("A1"), Warning("A2"));

        Assert.IsNull(Why(StateOf(before), Snapshot(Warning("A2"), Warning("A1")), LastFull.AddSeconds(30)));
    }

    [TestMethod]
    public void PollSchedule_coming_round_runs_a_full_cycle()
    {
        var snapshot = Snapshot(Warning());

        Assert.IsNull(Why(StateOf(snapshot), snapshot, LastFull.AddMinutes(5).AddTicks(-1)));
        Assert.AreEqual(FullCycleReason.Scheduled, Why(StateOf(snapshot), snapshot, LastFull.AddMinutes(5)));
    }

    [TestMethod]
    public void An_alert_ending_since_the_last_cycle_runs_a_full_cycle_once()
    {
        var snapshot = Snapshot(Warning(ends: LastFull.AddSeconds(40)));

        Assert.IsNull(Why(StateOf(snapshot), snapshot, LastFull.AddSeconds(30)));
        Assert.AreEqual(FullCycleReason.AlertStartedOrEnded, Why(StateOf(snapshot), snapshot, LastFull.AddSeconds(60)));
        var afterThatCycle = StateOf(snapshot) with { LastFullCycleAt = LastFull.AddSeconds(60) };
        Assert.IsNull(Why(afterThatCycle, snapshot, LastFull.AddSeconds(90)), "the moment counts once");
    }

    [TestMethod]
    public void An_alert_entering_the_look_ahead_runs_a_full_cycle()
    {
        var snapshot = Snapshot(Warning(onset: LastFull + Policy.LookAhead + TimeSpan.FromSeconds(20)));

        Assert.AreEqual(FullCycleReason.AlertStartedOrEnded, Why(StateOf(snapshot), snapshot, LastFull.AddSeconds(30)));
    }

    [TestMethod]
    public void A_held_campaigns_clear_for_elapsing_since_the_last_cycle_runs_a_full_cycle_once()
    {
        var snapshot = Snapshot();
        var hold = Held(lastAffected: LastFull - Policy.ClearFor + TimeSpan.FromSeconds(20));

        Assert.AreEqual(FullCycleReason.ClearForElapsed, Why(StateOf(snapshot), snapshot, LastFull.AddSeconds(30), hold));
        var afterThatCycle = StateOf(snapshot) with { LastFullCycleAt = LastFull.AddSeconds(30) };
        Assert.IsNull(Why(afterThatCycle, snapshot, LastFull.AddSeconds(60), hold), "a resume that could not go waits for PollSchedule");
    }

    [TestMethod]
    public void A_manual_hold_keeps_the_clear_for_from_running_a_cycle_and_its_release_runs_one()
    {
        var snapshot = Snapshot();
        var manual = Held(lastAffected: LastFull - Policy.ClearFor + TimeSpan.FromSeconds(20), manual: "levee inspection");
        Assert.IsNull(Why(StateOf(snapshot), snapshot, LastFull.AddSeconds(30), manual));

        var released = manual.WithoutManualHold(LastFull.AddSeconds(45));
        Assert.AreEqual(FullCycleReason.ClearForElapsed, Why(StateOf(snapshot), snapshot, LastFull.AddSeconds(60), released));
    }

    [TestMethod]
    public void A_hold_still_inside_its_clear_for_runs_no_cycle()
    {
        var snapshot = Snapshot();

        Assert.IsNull(Why(StateOf(snapshot), snapshot, LastFull.AddSeconds(30), Held(lastAffected: LastFull.AddMinutes(-10))));
    }
}
