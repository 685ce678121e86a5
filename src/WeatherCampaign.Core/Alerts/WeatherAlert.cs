using System.Collections.Frozen;

namespace WeatherCampaign.Core.Alerts;

/// <summary>CAP severity, ordered so that a threshold is a plain comparison.</summary>
public enum AlertSeverity { Unknown = 0, Minor = 1, Moderate = 2, Severe = 3, Extreme = 4 }

/// <summary>CAP urgency, ordered from least to most pressing.</summary>
public enum AlertUrgency { Unknown = 0, Past = 1, Future = 2, Expected = 3, Immediate = 4 }

/// <summary>CAP certainty, ordered from least to most certain.</summary>
public enum AlertCertainty { Unknown = 0, Unlikely = 1, Possible = 2, Likely = 3, Observed = 4 }

/// <summary>CAP status; only <see cref="Actual"/> ever drives an intervention.</summary>
public enum AlertStatus { Unknown = 0, Actual, Exercise, System, Test, Draft }

/// <summary>CAP message type: an Update or Cancel supersedes the alerts it references.</summary>
public enum AlertMessageType { Unknown = 0, Alert, Update, Cancel, Ack, Error }

/// <summary>
/// What kind of notice an alert is. A <see cref="Declaration"/> (a FEMA disaster declaration) has no CAP severity: it counts by
/// its declaration and incident types instead (<c>Policy:DeclarationTypes</c>, <c>Policy:IncidentTypes</c>).
/// </summary>
public enum AlertKind { Warning = 0, Declaration }

/// <summary>One area code an alert names, as the provider wrote it: (<c>UGC</c>, <c>NYZ072</c>), (<c>SAME</c>, <c>036061</c>).</summary>
public sealed record AlertGeocode(string Name, string Value);

/// <summary>
/// One weather alert from any feed, in the provider-neutral shape the planner reads.
/// Times are absolute; <see cref="Ends"/> (the event's end) wins over <see cref="Expires"/> (the message's) when present.
/// </summary>
public sealed record WeatherAlert
{
    public required string Id { get; init; }
    public required string Feed { get; init; }
    public string? Event { get; init; }
    public string? Headline { get; init; }
    public string? AreaDescription { get; init; }
    public AlertSeverity Severity { get; init; }
    public AlertUrgency Urgency { get; init; }
    public AlertCertainty Certainty { get; init; }
    public AlertStatus Status { get; init; } = AlertStatus.Actual;
    public AlertMessageType MessageType { get; init; } = AlertMessageType.Alert;
    public DateTimeOffset? Sent { get; init; }
    public DateTimeOffset? Effective { get; init; }
    public DateTimeOffset? Onset { get; init; }
    public DateTimeOffset? Expires { get; init; }
    public DateTimeOffset? Ends { get; init; }
    public IReadOnlyList<AlertGeocode> Geocodes { get; init; } = [];

    /// <summary>A weather warning (every CAP-like feed) or a disaster declaration (<c>openfema</c>).</summary>
    public AlertKind Kind { get; init; }

    /// <summary>System-specific codes for the event, as CAP's <c>eventCode</c>: (<c>FEMA:declarationType</c>, <c>DR</c>).</summary>
    public IReadOnlyDictionary<string, string> EventCodes { get; init; } = FrozenDictionary<string, string>.Empty;

    /// <summary>Ids of earlier alerts this one updates or cancels.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>When the alert stops being in force: the event's end when given, else the message's expiry.</summary>
    public DateTimeOffset? InForceUntil => Ends ?? Expires;
}
