using System.Globalization;

namespace WeatherCampaign.Core.Planning;

/// <summary>
/// When, in a campaign's own time zone, a resume may happen: from <see cref="NotBefore"/> to <see cref="NotAfter"/> (local
/// times of day) on <see cref="Days"/>. Local times are turned into instants the way a person reads a clock: a time the
/// spring-forward skips is the first minute after the gap, and a time the fall-back repeats is its first occurrence.
/// </summary>
public sealed record CallingWindow(TimeSpan NotBefore, TimeSpan NotAfter, IReadOnlySet<DayOfWeek> Days)
{
    private static readonly TimeSpan EndOfDay = TimeSpan.FromDays(1);

    /// <summary>Every day, all day: no window.</summary>
    public static CallingWindow Always { get; } = new(TimeSpan.Zero, EndOfDay, Enum.GetValues<DayOfWeek>().ToHashSet());

    /// <summary>Monday to Friday, the business days when none are configured.</summary>
    public static IReadOnlySet<DayOfWeek> Weekdays { get; } = new HashSet<DayOfWeek>
    {
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday,
    };

    public bool IsAlways => NotBefore == TimeSpan.Zero && NotAfter >= EndOfDay && Days.Count == 7;

    /// <summary>Which part of the window keeps <paramref name="at"/> out: <c>BusinessDays</c>, <c>ResumeNotBefore</c>, <c>ResumeNotAfter</c>; null when inside.</summary>
    public string? Excludes(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var date = local.DateTime.Date;
        return !Days.Contains(date.DayOfWeek) ? "BusinessDays"
            : at < ToInstant(date + NotBefore, zone) ? "ResumeNotBefore"
            : at >= Close(date, zone) ? "ResumeNotAfter"
            : null;
    }

    /// <summary>The first instant at or after <paramref name="from"/> inside the window.</summary>
    public DateTimeOffset NextOpening(DateTimeOffset from, TimeZoneInfo zone)
    {
        var date = TimeZoneInfo.ConvertTime(from, zone).DateTime.Date;
        // A window has at least one day, so one week and a day always reach an opening.
        for (var day = 0; day <= 7; day++, date = date.AddDays(1))
        {
            if (!Days.Contains(date.DayOfWeek))
            {
                continue;
            }

            var open = ToInstant(date + NotBefore, zone);
            if (from < Close(date, zone))
            {
                return from > open ? from : open;
            }
        }

        throw new InvalidOperationException("A calling window without days has no opening.");
    }

    /// <summary>The window's opening on the first business day after the local day of <paramref name="instant"/>.</summary>
    public DateTimeOffset NextBusinessDayOpening(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var date = TimeZoneInfo.ConvertTime(instant, zone).DateTime.Date;
        for (var day = 1; day <= 7; day++)
        {
            if (Days.Contains(date.AddDays(day).DayOfWeek))
            {
                return ToInstant(date.AddDays(day) + NotBefore, zone);
            }
        }

        throw new InvalidOperationException("A calling window without days has no business day.");
    }

    /// <summary>For people: <c>09:00–20:00 Mon–Fri</c>.</summary>
    public string Describe()
    {
        var hours = $"{NotBefore:hh\\:mm}–{(NotAfter >= EndOfDay ? "24:00" : NotAfter.ToString(@"hh\:mm", CultureInfo.InvariantCulture))}";
        var days = Days.Count == 7 ? "every day"
            : string.Join(",", Enum.GetValues<DayOfWeek>().Where(Days.Contains).Select(d => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(d)));
        return $"{hours} {days}";
    }

    /// <summary>A local time of day, <c>09:00</c> or <c>09:00:00</c>, before midnight.</summary>
    public static bool TryParseTime(string text, out TimeSpan time) =>
        TimeSpan.TryParseExact(text.Trim(), [@"h\:mm", @"hh\:mm", @"hh\:mm\:ss"], CultureInfo.InvariantCulture, out time)
        && time >= TimeSpan.Zero && time < EndOfDay;

    /// <summary>Day names or abbreviations separated by commas, and ranges: <c>Mon,Tue,Wed</c>, <c>Monday-Friday</c>, <c>Mon-Fri,Sat</c>.</summary>
    public static bool TryParseDays(string text, out IReadOnlySet<DayOfWeek> days, out string? unknown)
    {
        var set = new HashSet<DayOfWeek>();
        days = set;
        unknown = null;
        foreach (var part in text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = part.Split(['-', '–'], StringSplitOptions.TrimEntries);
            if (ends.Length > 2 || !TryParseDay(ends[0], out var first) || !TryParseDay(ends[^1], out var last))
            {
                unknown = part;
                return false;
            }

            for (var day = first; ; day = (DayOfWeek)(((int)day + 1) % 7))
            {
                set.Add(day);
                if (day == last)
                {
                    break;
                }
            }
        }

        if (set.Count == 0)
        {
            unknown = text;
            return false;
        }

        return true;
    }

    private static bool TryParseDay(string name, out DayOfWeek day)
    {
        foreach (var candidate in Enum.GetValues<DayOfWeek>())
        {
            var full = candidate.ToString();
            if (string.Equals(name, full, StringComparison.OrdinalIgnoreCase) || string.Equals(name, full[..3], StringComparison.OrdinalIgnoreCase))
            {
                day = candidate;
                return true;
            }
        }

        day = default;
        return false;
    }

    private DateTimeOffset Close(DateTime date, TimeZoneInfo zone) => ToInstant(NotAfter >= EndOfDay ? date.AddDays(1) : date + NotAfter, zone);

    private static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // Gaps are at most a few hours (Lord Howe's is 30 minutes, most are 60): step minute by minute past one.
        for (var guard = 0; zone.IsInvalidTime(local) && guard < 24 * 60; guard++)
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
