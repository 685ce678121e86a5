using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Alerts;
using WeatherCampaign.Core.Regions;
using WeatherCampaign.Core.Settings;

namespace WeatherCampaign.Core.Planning;

/// <summary>Checks the <c>Policy</c> section at start-up; each failure is one line naming its setting (<c>Policy:ClearFor</c>).</summary>
public sealed class PolicyOptionsValidator : IValidateOptions<PolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, PolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string section = PolicyOptions.Section;
        var failures = new SettingFailures();

        failures.Defined($"{section}:MinimumSeverity", options.MinimumSeverity);
        if (options.MinimumUrgency is { } urgency)
        {
            failures.Defined($"{section}:MinimumUrgency", urgency);
        }

        if (options.MinimumCertainty is { } certainty)
        {
            failures.Defined($"{section}:MinimumCertainty", certainty);
        }

        failures.Defined($"{section}:Mode", options.Mode);
        failures.Range($"{section}:MaxPauseShare", options.MaxPauseShare, 0.0, 1.0);

        if (options.ClearFor < TimeSpan.Zero)
        {
            failures.Add($"{section}:ClearFor", options.ClearFor, "a time span of 00:00:00 or more, such as 00:30:00");
        }

        if (options.MaxMessageAge < TimeSpan.FromMinutes(1) || options.MaxMessageAge > TimeSpan.FromDays(1))
        {
            failures.Add($"{section}:MaxMessageAge", options.MaxMessageAge, "a time span from 00:01:00 to 1.00:00:00, such as 01:00:00");
        }

        if (options.OptOutRecheckAfter < TimeSpan.Zero || options.OptOutRecheckAfter > options.MaxMessageAge)
        {
            failures.Add($"{section}:OptOutRecheckAfter", options.OptOutRecheckAfter, "a time span from 00:00:00 to Policy:MaxMessageAge, such as 00:02:00");
        }

        if (options.LookAhead < TimeSpan.Zero)
        {
            failures.Add($"{section}:LookAhead", options.LookAhead, "a time span of 00:00:00 or more, such as 03:00:00");
        }

        failures.Range($"{section}:DeclarationHoldDays", options.DeclarationHoldDays, 0, 365);
        for (var i = 0; i < options.DeclarationTypes.Count; i++)
        {
            if (!FemaDeclarations.DeclarationTypes.Contains(options.DeclarationTypes[i]?.Trim() ?? ""))
            {
                failures.Add($"{section}:DeclarationTypes:{i}", options.DeclarationTypes[i], SettingMessage.OneOf(FemaDeclarations.DeclarationTypes.Order(StringComparer.Ordinal)));
            }
        }

        for (var i = 0; i < options.IncidentTypes.Count; i++)
        {
            if (!FemaDeclarations.IncidentTypes.Contains(options.IncidentTypes[i]?.Trim() ?? ""))
            {
                failures.Add($"{section}:IncidentTypes:{i}", options.IncidentTypes[i], "an incident type of FEMA's data dictionary: " + string.Join(", ", FemaDeclarations.IncidentTypes.Order(StringComparer.Ordinal)));
            }
        }

        foreach (var eventName in options.AllowEvents.Intersect(options.DenyEvents, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{section}: event '{eventName}' is in both AllowEvents and DenyEvents: an event may be in one of the two lists only.");
        }

        failures.Range($"{section}:MaxResumesPerCycle", options.MaxResumesPerCycle, 0, 100_000);
        failures.Range($"{section}:MaxResumesPerRegionPerCycle", options.MaxResumesPerRegionPerCycle, 0, 100_000);
        if (options.DefaultTimeZone is { Length: > 0 } zone && !ResumeRules.IsKnownTimeZone(zone))
        {
            failures.Add($"{section}:DefaultTimeZone", zone, "a time zone this machine knows, an IANA id such as America/New_York");
        }

        ValidateResumeRules(failures, section, options.ResumeNotBefore, options.ResumeNotAfter, options.BusinessDays, options.MinimumHold, options.HoldAfter);
        foreach (var (state, overrides) in options.States)
        {
            var scope = $"{section}:States:{state}";
            if (!UsStates.IsPostalCode(state.Trim()))
            {
                failures.Add($"{section}:States", state, "a US state's postal code, such as OR");
            }

            // A state's window is judged with the section's times it does not override.
            ValidateResumeRules(failures, scope,
                overrides.ResumeNotBefore, overrides.ResumeNotAfter, overrides.BusinessDays, overrides.MinimumHold ?? TimeSpan.Zero, overrides.HoldAfter,
                inheritedNotBefore: options.ResumeNotBefore, inheritedNotAfter: options.ResumeNotAfter, inheritedScope: section);
        }

        return failures.ToResult();
    }

    private static void ValidateResumeRules(
        SettingFailures failures, string scope, string? notBefore, string? notAfter, string? businessDays, TimeSpan minimumHold, Dictionary<string, TimeSpan> holdAfter,
        string? inheritedNotBefore = null, string? inheritedNotAfter = null, string? inheritedScope = null)
    {
        const string time = "a local time of day from 00:00 to 23:59, such as 09:00";
        var from = Time(failures, $"{scope}:ResumeNotBefore", notBefore, time);
        var until = Time(failures, $"{scope}:ResumeNotAfter", notAfter, time);
        var (fromSetting, untilSetting) = ($"{scope}:ResumeNotBefore", $"{scope}:ResumeNotAfter");
        if (from is null && string.IsNullOrWhiteSpace(notBefore) && inheritedScope is not null)
        {
            (from, fromSetting) = (Parsed(inheritedNotBefore), $"{inheritedScope}:ResumeNotBefore");
        }

        if (until is null && string.IsNullOrWhiteSpace(notAfter) && inheritedScope is not null)
        {
            (until, untilSetting) = (Parsed(inheritedNotAfter), $"{inheritedScope}:ResumeNotAfter");
        }

        if (from is { } start && until is { } end && start >= end)
        {
            failures.Add(FormattableString.Invariant(
                $"{fromSetting} ({start:hh\\:mm}) is not before {untilSetting} ({end:hh\\:mm}): a resume window must open before it closes on the same day."));
        }

        if (businessDays is { Length: > 0 } && !CallingWindow.TryParseDays(businessDays, out _, out var unknown))
        {
            failures.Add($"{scope}:BusinessDays", businessDays,
                $"a list of day names such as Mon,Tue,Wed,Thu,Fri or Mon-Fri ('{unknown}' is not a day)");
        }

        // .NET reads 72:00:00 as 72 days, not hours: a bound keeps that slip from holding campaigns for months.
        const string span = "a time span from 00:00:00 to 30.00:00:00, days first (72 hours is 3.00:00:00: 72:00:00 reads as 72 days)";
        if (minimumHold < TimeSpan.Zero || minimumHold > LongestHold)
        {
            failures.Add($"{scope}:MinimumHold", minimumHold, span);
        }

        foreach (var (eventName, after) in holdAfter)
        {
            if (after < TimeSpan.Zero || after > LongestHold)
            {
                failures.Add($"{scope}:HoldAfter:{eventName}", after, span);
            }
        }
    }

    /// <summary>The longest <c>MinimumHold</c> or <c>HoldAfter</c>: a month covers every jurisdiction's rule we know of.</summary>
    private static readonly TimeSpan LongestHold = TimeSpan.FromDays(30);

    private static TimeSpan? Time(SettingFailures failures, string setting, string? text, string allowed)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!CallingWindow.TryParseTime(text, out var value))
        {
            failures.Add(setting, text, allowed);
            return null;
        }

        return value;
    }

    private static TimeSpan? Parsed(string? text) => text is { Length: > 0 } && CallingWindow.TryParseTime(text, out var value) ? value : null;
}
