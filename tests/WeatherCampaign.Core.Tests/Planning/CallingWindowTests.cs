using System.Globalization;
using WeatherCampaign.Core.Planning;

namespace WeatherCampaign.Core.Tests.Planning;

/// <summary>The calling window on a campaign's clock: daylight saving edges, weekends, parsing.</summary>
[TestClass]
public sealed class CallingWindowTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly IReadOnlySet<DayOfWeek> EveryDay = CallingWindow.Always.Days;

    [TestMethod]
    [DataRow("09:00", "20:00", "2026-03-07T12:00:00Z", "2026-03-07T14:00:00Z", DisplayName = "Saturday before the change: 09:00 EST is 14:00Z")]
    [DataRow("09:00", "20:00", "2026-03-08T05:00:00Z", "2026-03-08T13:00:00Z", DisplayName = "the spring-forward Sunday: 09:00 EDT is 13:00Z")]
    [DataRow("02:30", "20:00", "2026-03-08T05:00:00Z", "2026-03-08T07:00:00Z", DisplayName = "an opening the spring-forward skips: the first minute after the gap, 03:00 EDT")]
    [DataRow("01:30", "20:00", "2026-11-01T04:00:00Z", "2026-11-01T05:30:00Z", DisplayName = "an opening the fall-back repeats: its first occurrence, 01:30 EDT")]
    [DataRow("09:00", "20:00", "2026-11-01T15:00:00Z", "2026-11-01T15:00:00Z", DisplayName = "inside the window: now")]
    [DataRow("09:00", "20:00", "2026-11-02T01:30:00Z", "2026-11-02T14:00:00Z", DisplayName = "after closing on the fall-back day: 09:00 EST next day")]
    public void Next_opening_is_read_on_the_local_clock(string notBefore, string notAfter, string from, string expected)
    {
        var window = Window(notBefore, notAfter, EveryDay);

        Assert.AreEqual(At(expected), window.NextOpening(At(from), NewYork));
    }

    [TestMethod]
    public void Friday_evening_waits_for_Monday_and_says_which_setting()
    {
        var window = Window("09:00", "20:00", CallingWindow.Weekdays);
        var fridayEvening = At("2026-09-12T01:00:00Z");

        Assert.AreEqual(At("2026-09-14T13:00:00Z"), window.NextOpening(fridayEvening, NewYork));
        Assert.AreEqual("ResumeNotAfter", window.Excludes(fridayEvening, NewYork));
        Assert.AreEqual("BusinessDays", window.Excludes(At("2026-09-12T15:00:00Z"), NewYork));
        Assert.AreEqual("ResumeNotBefore", window.Excludes(At("2026-09-14T12:59:00Z"), NewYork));
        Assert.IsNull(window.Excludes(At("2026-09-14T13:00:00Z"), NewYork));
    }

    [TestMethod]
    public void Next_business_day_skips_the_weekend()
    {
        var window = Window("09:00", "20:00", CallingWindow.Weekdays);

        Assert.AreEqual(At("2026-09-14T13:00:00Z"), window.NextBusinessDayOpening(At("2026-09-11T13:00:00Z"), NewYork), "Friday → Monday");
        Assert.AreEqual(At("2026-09-11T13:00:00Z"), window.NextBusinessDayOpening(At("2026-09-10T23:30:00Z"), NewYork), "Thursday 19:30 → Friday");
        Assert.AreEqual(At("2026-09-11T13:00:00Z"), window.NextBusinessDayOpening(At("2026-09-11T03:30:00Z"), NewYork), "23:30 Thursday local is still Thursday");
    }

    [TestMethod]
    [DataRow("Mon-Fri", "Monday,Tuesday,Wednesday,Thursday,Friday")]
    [DataRow("mon,WED, friday", "Monday,Wednesday,Friday")]
    [DataRow("Fri-Mon", "Sunday,Monday,Friday,Saturday")]
    [DataRow("Sat", "Saturday")]
    public void Business_days_are_names_abbreviations_and_ranges(string text, string expected)
    {
        Assert.IsTrue(CallingWindow.TryParseDays(text, out var days, out _));

        CollectionAssert.AreEquivalent(expected.Split(',').Select(Enum.Parse<DayOfWeek>).ToArray(), days.ToArray());
    }

    [TestMethod]
    [DataRow("Mon,Funday", "Funday")]
    [DataRow("Mon-Fri-Sat", "Mon-Fri-Sat")]
    [DataRow(",", ",")]
    public void An_unknown_day_is_named(string text, string unknown)
    {
        Assert.IsFalse(CallingWindow.TryParseDays(text, out _, out var named));
        Assert.AreEqual(unknown, named);
    }

    [TestMethod]
    [DataRow("09:00", true)]
    [DataRow("9:00", true)]
    [DataRow("20:30:00", true)]
    [DataRow("24:00", false)]
    [DataRow("9am", false)]
    [DataRow("-01:00", false)]
    public void Times_of_day_are_hours_and_minutes_before_midnight(string text, bool valid) =>
        Assert.AreEqual(valid, CallingWindow.TryParseTime(text, out _));

    private static CallingWindow Window(string notBefore, string notAfter, IReadOnlySet<DayOfWeek> days)
    {
        Assert.IsTrue(CallingWindow.TryParseTime(notBefore, out var from));
        Assert.IsTrue(CallingWindow.TryParseTime(notAfter, out var until));
        return new CallingWindow(from, until, days);
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
