using WeatherCampaign.Core.Holds;

namespace WeatherCampaign.Core.Tests.Holds;

[TestClass]
public sealed class WeatherHoldTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 10, 18, 0, 0, TimeSpan.Zero);

    private static WeatherHold Hold(HoldState state, string[]? alertIds = null, string[]? suppressed = null) => new()
    {
        CampaignId = "c1",
        CampaignName = "Gulf Renewals",
        State = state,
        AlertIds = alertIds ?? ["A1"],
        PausedAt = Now.AddHours(-5),
        LastAffectedAt = Now.AddHours(-2),
        UpdatedAt = Now.AddHours(-2),
        SuppressedAlertIds = suppressed ?? [],
        MessageId = "cycle-0-00001",
        Version = "W/\"1\"",
    };

    private static WeatherHold Pausing(WeatherHold? existing) =>
        WeatherHold.StartPausing(existing, "c1", null, "cycle-1-00001", ["B7"], ["Flash Flood Warning"], ["STATE:NY"], "Severe", Now.AddMinutes(-1), Now);

    [TestMethod]
    public void Pausing_carries_a_persons_overrides_an_operators_reason_and_the_row_version()
    {
        var closed = Hold(HoldState.Overridden, suppressed: ["A1"]) with { ManualHoldReason = "levee inspection" };

        var intent = Pausing(closed);

        Assert.AreEqual(HoldState.Pausing, intent.State);
        CollectionAssert.AreEqual(new[] { "A1" }, intent.SuppressedAlertIds.ToArray());
        Assert.AreEqual("levee inspection", intent.ManualHoldReason);
        Assert.AreEqual("W/\"1\"", intent.Version, "the intent replaces the row it read");
        Assert.AreEqual("Gulf Renewals", intent.CampaignName, "a message without a name keeps the row's");
        Assert.AreEqual("cycle-1-00001", intent.MessageId);
        Assert.IsNull(intent.PausedAt, "a closed hold's pause is over: this is a new one");
    }

    [TestMethod]
    public void Pausing_over_an_active_hold_keeps_when_the_campaign_was_first_paused()
    {
        var intent = Pausing(Hold(HoldState.Held));

        Assert.AreEqual(Now.AddHours(-5), intent.PausedAt);
        Assert.AreEqual(Now.AddHours(-5), intent.Held(Now).PausedAt);
    }

    [TestMethod]
    public void First_pause_is_held_from_when_the_platform_paused_it()
    {
        var held = Pausing(null).Held(Now);

        Assert.AreEqual(HoldState.Held, held.State);
        Assert.AreEqual(Now, held.PausedAt);
        Assert.IsNull(held.Version, "never stored: the ledger creates the row");
    }

    [TestMethod]
    public void Person_overriding_a_hold_suppresses_the_alerts_it_was_held_for()
    {
        var overridden = Hold(HoldState.Held, alertIds: ["A1", "A2"], suppressed: ["a2", "OLD"]).OverriddenByPerson("Resumed by a person.", Now);

        Assert.AreEqual(HoldState.Overridden, overridden.State);
        CollectionAssert.AreEqual(new[] { "a2", "OLD", "A1" }, overridden.SuppressedAlertIds.ToArray(), "kept in order, without case duplicates");
        Assert.IsTrue(overridden.Suppresses(["A1", "A2", "old"]));
        Assert.IsFalse(overridden.Suppresses(["A1", "NEW"]));
    }

    [TestMethod]
    public void Clear_for_clock_runs_from_the_last_time_the_campaign_was_affected()
    {
        var hold = Hold(HoldState.Held);

        Assert.AreEqual(Now.AddHours(-2), hold.ClearSince);
        Assert.AreEqual(Now, hold.StillAffected(["A1"], [], [], Now).ClearSince);
        Assert.AreEqual(Now.AddHours(-5), (hold with { LastAffectedAt = null }).ClearSince);
    }

    [TestMethod]
    [DataRow(HoldState.Released)]
    [DataRow(HoldState.Overridden)]
    [DataRow(HoldState.Ended)]
    public void Closed_hold_cannot_be_released_overridden_resumed_or_still_affected(HoldState state)
    {
        var closed = Hold(state);

        Assert.ThrowsExactly<InvalidOperationException>(() => closed.Released(Now));
        Assert.ThrowsExactly<InvalidOperationException>(() => closed.OverriddenByPerson("Resumed by a person.", Now));
        Assert.ThrowsExactly<InvalidOperationException>(() => closed.StartResuming("cycle-2-00001", Now));
        Assert.ThrowsExactly<InvalidOperationException>(() => closed.StillAffected(["A1"], [], [], Now));
    }

    [TestMethod]
    public void Manual_hold_without_a_weather_hold_is_a_closed_row_that_carries_the_reason()
    {
        var manual = WeatherHold.ManualOnly("c9", "Tampa Renewals", "site closed", Now);

        Assert.AreEqual(HoldState.Ended, manual.State, "the service does not adopt a campaign it did not pause");
        Assert.IsFalse(manual.IsActive);
        Assert.AreEqual("site closed", manual.ManualHoldReason);
        Assert.IsNull(manual.WithoutManualHold(Now).ManualHoldReason);
    }

    [TestMethod]
    public void Manual_hold_keeps_the_name_the_ledger_knows()
    {
        var set = Hold(HoldState.Held).WithManualHold("site closed", "typed by the operator", Now);

        Assert.AreEqual("Gulf Renewals", set.CampaignName);
        Assert.AreEqual(HoldState.Held, set.State, "a manual hold changes no weather state");
        Assert.AreEqual("typed by the operator", (Hold(HoldState.Held) with { CampaignName = "" }).WithManualHold("r", "typed by the operator", Now).CampaignName);
    }
}
