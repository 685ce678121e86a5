using WeatherCampaign.Core.Alerts;

namespace WeatherCampaign.Core.Planning;

/// <summary>Rule 1: whether an alert is in force now and serious enough, under the configured policy.</summary>
public sealed class AlertPolicy
{
    private readonly PolicyOptions _policy;
    private readonly HashSet<string> _allow;
    private readonly HashSet<string> _deny;
    private readonly DeclarationRules _declarations;

    public AlertPolicy(PolicyOptions policy)
    {
        _policy = policy;
        _declarations = new DeclarationRules(policy);
        _allow = new HashSet<string>(policy.AllowEvents.Select(e => e.Trim()), StringComparer.OrdinalIgnoreCase);
        _deny = new HashSet<string>(policy.DenyEvents.Select(e => e.Trim()), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Null when the alert counts at <paramref name="now"/>; otherwise why it does not.</summary>
    public string? WhyNotCounting(WeatherAlert alert, DateTimeOffset now, Supersessions superseded)
    {
        if (alert.Status != AlertStatus.Actual)
        {
            return $"status {alert.Status}";
        }

        if (alert.MessageType == AlertMessageType.Cancel)
        {
            return "a cancellation";
        }

        if (alert.MessageType is not (AlertMessageType.Alert or AlertMessageType.Update))
        {
            return $"message type {alert.MessageType}";
        }

        if (superseded.Replaces(alert))
        {
            return "superseded by a later update or cancellation from the same source";
        }

        if (InForceUntil(alert) is { } until && until <= now)
        {
            return $"ended {until:u}";
        }

        if ((alert.Onset ?? alert.Effective) is { } start && start > now + _policy.LookAhead)
        {
            return $"starts {start:u}, beyond the look-ahead";
        }

        var name = alert.Event?.Trim() ?? "";
        if (_deny.Contains(name))
        {
            return $"event '{name}' is denied by policy";
        }

        if (_allow.Contains(name))
        {
            return null;
        }

        if (alert.Kind == AlertKind.Declaration)
        {
            return _declarations.WhyNotCounting(alert);
        }

        if (alert.Severity == AlertSeverity.Unknown)
        {
            return _policy.CountUnknownSeverity ? CheckFloors(alert) : "severity Unknown";
        }

        if (alert.Severity < _policy.MinimumSeverity)
        {
            return $"severity {alert.Severity} below {_policy.MinimumSeverity}";
        }

        return CheckFloors(alert);
    }

    /// <summary>When the alert stops counting: a warning's end or expiry; a declaration's incident end plus <c>Policy:DeclarationHoldDays</c>.</summary>
    public DateTimeOffset? InForceUntil(WeatherAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.Kind == AlertKind.Declaration ? _declarations.InForceUntil(alert) : alert.InForceUntil;
    }

    private string? CheckFloors(WeatherAlert alert)
    {
        if (_policy.MinimumUrgency is { } urgency && alert.Urgency < urgency)
        {
            return $"urgency {alert.Urgency} below {urgency}";
        }

        if (_policy.MinimumCertainty is { } certainty && alert.Certainty < certainty)
        {
            return $"certainty {alert.Certainty} below {certainty}";
        }

        return null;
    }
}
