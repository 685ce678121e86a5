using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Alerts;
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

        return failures.ToResult();
    }
}
