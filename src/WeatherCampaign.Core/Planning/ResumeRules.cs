using System.Globalization;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Regions;

namespace WeatherCampaign.Core.Planning;

/// <summary>
/// Rule 4's second half, with no I/O: a held campaign that has been clear for <c>Policy:ClearFor</c> resumes only when every
/// resume rule lets it (<c>Policy:MinimumHold</c>, <c>Policy:HoldAfter:&lt;event&gt;</c>, <c>Policy:ResumeNextBusinessDay</c>,
/// then the calling window <c>Policy:ResumeNotBefore</c>–<c>ResumeNotAfter</c> on <c>Policy:BusinessDays</c> in the campaign's
/// own time zone). Each state of the hold's regions with <c>Policy:States:&lt;ST&gt;</c> rules is judged too, and the strictest
/// (the latest resume) wins. Built once per cycle from the settings; with none of them set, every clear hold resumes now.
/// </summary>
public sealed class ResumeRules
{
    private const string Section = PolicyOptions.Section;
    private readonly RuleSet _general;
    private readonly Dictionary<string, RuleSet> _states = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeZoneInfo _defaultZone;
    private readonly string _defaultZoneName;
    private readonly Dictionary<string, TimeZoneInfo?> _zones = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeSpan _clearFor;

    public ResumeRules(PolicyOptions policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _clearFor = policy.ClearFor;
        _general = RuleSet.General(policy);
        foreach (var (state, overrides) in policy.States)
        {
            _states[state.Trim()] = _general.For(state.Trim().ToUpperInvariant(), overrides);
        }

        // The validator refuses an unknown default at start-up; should one get here anyway, UTC keeps the service deciding.
        _defaultZone = policy.DefaultTimeZone is { Length: > 0 } name && TryFindZone(name) is { } zone ? zone : TimeZoneInfo.Utc;
        _defaultZoneName = _defaultZone == TimeZoneInfo.Utc ? "UTC" : policy.DefaultTimeZone!.Trim();
    }

    /// <summary>Whether <paramref name="id"/> names a time zone this machine knows (IANA ids; Windows ids too, through ICU).</summary>
    public static bool IsKnownTimeZone(string id) => TryFindZone(id) is not null;

    /// <summary>
    /// Whether the clear <paramref name="hold"/> of <paramref name="campaign"/> resumes at <paramref name="now"/>, or when it may and
    /// by which rule. Never throws for what a campaign or a hold carries: an unknown time zone is the default's, with a warning.
    /// </summary>
    public ResumeVerdict Judge(WeatherHold hold, Campaign campaign, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(hold);
        ArgumentNullException.ThrowIfNull(campaign);
        var sets = new List<RuleSet> { _general };
        sets.AddRange(RegionStates.Of(hold.Regions).Select(s => _states.GetValueOrDefault(s)).OfType<RuleSet>());

        string? warning = null;
        var (zone, zoneName) = (_defaultZone, _defaultZoneName);
        if (sets.Any(s => s.NeedsZone))
        {
            (zone, zoneName, warning) = ZoneOf(campaign);
        }

        Decision? strictest = null;
        foreach (var set in sets)
        {
            var decision = set.Decide(hold, now, zone, zoneName);
            // Equally late, the scope whose own rule held the hold longest speaks (Oregon's next business day over the window).
            if (strictest is null || decision.At > strictest.At
                || (decision.At == strictest.At && (decision.Met?.At ?? DateTimeOffset.MinValue) > (strictest.Met?.At ?? DateTimeOffset.MinValue)))
            {
                strictest = decision;
            }
        }

        return strictest!.At > now
            ? new ResumeVerdict(false, strictest.At, strictest.Rule, strictest.Why, warning)
            : new ResumeVerdict(true, now, strictest.Met?.Rule ?? $"{Section}:ClearFor",
                strictest.Met?.Why ?? string.Create(CultureInfo.InvariantCulture, $"clear for at least {_clearFor:c}"), warning);
    }

    private (TimeZoneInfo Zone, string Name, string? Warning) ZoneOf(Campaign campaign)
    {
        if (campaign.TimeZone is not { } named)
        {
            return (_defaultZone, _defaultZoneName, null);
        }

        if (!_zones.TryGetValue(named, out var zone))
        {
            _zones[named] = zone = TryFindZone(named);
        }

        return zone is null
            ? (_defaultZone, _defaultZoneName,
                $"The campaign's time zone '{CampaignId.ForDisplay(named)}' is unknown; {Section}:DefaultTimeZone ({_defaultZoneName}) was used instead.")
            : (zone, named, null);
    }

    private static TimeZoneInfo? TryFindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>One rule's earliest resume: when, the setting, and how it reads in the audit row.</summary>
    private sealed record Earliest(DateTimeOffset At, string Rule, string Why);

    /// <param name="Met">The latest of the rules that no longer hold the campaign back (what a resume names); null when none applied.</param>
    private sealed record Decision(DateTimeOffset At, string Rule, string Why, Earliest? Met);

    /// <summary>A setting's value and the setting it came from, so the audit names <c>Policy:States:OR:MinimumHold</c> rather than <c>Policy:MinimumHold</c>.</summary>
    private sealed record Named<T>(T Value, string Setting);

    /// <summary>The resume rules of one scope: the <c>Policy</c> section, or one state's overrides on top of it.</summary>
    private sealed record RuleSet(
        Named<TimeSpan?> NotBefore,
        Named<TimeSpan?> NotAfter,
        Named<IReadOnlySet<DayOfWeek>?> Days,
        Named<TimeSpan> MinimumHold,
        IReadOnlyDictionary<string, Named<TimeSpan>> HoldAfter,
        Named<bool> NextBusinessDay)
    {
        public static RuleSet General(PolicyOptions policy) => new(
            new(ParseTime(policy.ResumeNotBefore), $"{Section}:ResumeNotBefore"),
            new(ParseTime(policy.ResumeNotAfter), $"{Section}:ResumeNotAfter"),
            new(ParseDays(policy.BusinessDays), $"{Section}:BusinessDays"),
            new(policy.MinimumHold, $"{Section}:MinimumHold"),
            policy.HoldAfter.ToDictionary(p => EventKey(p.Key), p => new Named<TimeSpan>(p.Value, $"{Section}:HoldAfter:{p.Key.Trim()}"), StringComparer.OrdinalIgnoreCase),
            new(policy.ResumeNextBusinessDay, $"{Section}:ResumeNextBusinessDay"));

        public RuleSet For(string state, StateResumeOptions overrides)
        {
            var scope = $"{Section}:States:{state}";
            var holdAfter = new Dictionary<string, Named<TimeSpan>>(HoldAfter, StringComparer.OrdinalIgnoreCase);
            foreach (var (eventName, span) in overrides.HoldAfter)
            {
                holdAfter[EventKey(eventName)] = new(span, $"{scope}:HoldAfter:{eventName.Trim()}");
            }

            return new(
                overrides.ResumeNotBefore is { Length: > 0 } notBefore ? new(ParseTime(notBefore), $"{scope}:ResumeNotBefore") : NotBefore,
                overrides.ResumeNotAfter is { Length: > 0 } notAfter ? new(ParseTime(notAfter), $"{scope}:ResumeNotAfter") : NotAfter,
                overrides.BusinessDays is { Length: > 0 } days ? new(ParseDays(days), $"{scope}:BusinessDays") : Days,
                overrides.MinimumHold is { } minimum ? new(minimum, $"{scope}:MinimumHold") : MinimumHold,
                holdAfter,
                overrides.ResumeNextBusinessDay is { } next ? new(next, $"{scope}:ResumeNextBusinessDay") : NextBusinessDay);
        }

        private CallingWindow Window { get; } = new(NotBefore.Value ?? TimeSpan.Zero, NotAfter.Value ?? TimeSpan.FromDays(1), Days.Value ?? CallingWindow.Always.Days);

        public bool NeedsZone => !Window.IsAlways || NextBusinessDay.Value;

        public Decision Decide(WeatherHold hold, DateTimeOffset now, TimeZoneInfo zone, string zoneName)
        {
            var rules = new List<Earliest>();
            if (MinimumHold.Value > TimeSpan.Zero)
            {
                var pausedAt = hold.PausedAt ?? hold.UpdatedAt;
                rules.Add(new(pausedAt + MinimumHold.Value, MinimumHold.Setting,
                    Text($"paused {pausedAt:u}; a hold lasts at least {MinimumHold.Value:c}")));
            }

            foreach (var eventName in hold.Events)
            {
                if (HoldAfter.TryGetValue(EventKey(eventName), out var after) && after.Value > TimeSpan.Zero)
                {
                    var (end, known) = hold.EventEnds.TryGetValue(eventName, out var until) ? (until, true) : (hold.ClearSince, false);
                    rules.Add(new(end + after.Value, after.Setting,
                        Text($"{eventName} {(known ? "ended" : "last affected it")} {end:u}; held {after.Value:c} after")));
                }
            }

            if (NextBusinessDay.Value)
            {
                var businessDays = Days.Value is null ? Window with { Days = CallingWindow.Weekdays } : Window;
                var cleared = hold.ClearSince;
                rules.Add(new(businessDays.NextBusinessDayOpening(cleared, zone), NextBusinessDay.Setting,
                    Text($"clear since {TimeZoneInfo.ConvertTime(cleared, zone):yyyy-MM-dd HH:mm} {zoneName}; held through the start of the next business day")));
            }

            var binding = rules.Count == 0 ? null : rules.MaxBy(r => r.At);
            var earliest = binding is not null && binding.At > now ? binding.At : now;
            if (!Window.IsAlways && Window.NextOpening(earliest, zone) is var opening && opening > earliest)
            {
                var setting = Window.Excludes(earliest, zone) switch
                {
                    "BusinessDays" => Days.Setting,
                    "ResumeNotBefore" => NotBefore.Setting,
                    _ => NotAfter.Setting,
                };
                return new(opening, setting, Text(
                    $"{TimeZoneInfo.ConvertTime(earliest, zone):ddd yyyy-MM-dd HH:mm} {zoneName} is outside the calling window {Window.Describe()}; it opens {TimeZoneInfo.ConvertTime(opening, zone):ddd yyyy-MM-dd HH:mm}"), null);
            }

            if (binding is not null && binding.At > now)
            {
                return new(binding.At, binding.Rule, binding.Why, null);
            }

            // Resumed now: the rule that held it longest speaks, and the window it resumes inside.
            var met = Window.IsAlways ? binding
                : new Earliest(binding?.At ?? DateTimeOffset.MinValue, binding?.Rule ?? NotBefore.Setting,
                    Text($"{(binding is null ? "" : binding.Why + "; ")}inside the calling window {Window.Describe()} {zoneName}"));
            return new(now, met?.Rule ?? "", met?.Why ?? "", met);
        }

        private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>An event's name as <c>Policy:HoldAfter</c> keys it: without case, <c>_</c> for a space (an app setting's name cannot hold one).</summary>
    private static string EventKey(string eventName) => eventName.Trim().Replace('_', ' ');

    private static TimeSpan? ParseTime(string? text) => text is { Length: > 0 } && CallingWindow.TryParseTime(text, out var time) ? time : null;

    private static IReadOnlySet<DayOfWeek>? ParseDays(string? text) => text is { Length: > 0 } && CallingWindow.TryParseDays(text, out var days, out _) ? days : null;
}
