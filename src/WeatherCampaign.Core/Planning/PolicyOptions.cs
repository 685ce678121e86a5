using WeatherCampaign.Core.Alerts;

namespace WeatherCampaign.Core.Planning;

/// <summary>The <c>Policy</c> section: which alerts count and how cautious the service is (checked by <see cref="PolicyOptionsValidator"/>).</summary>
public sealed class PolicyOptions
{
    public const string Section = "Policy";

    public AlertSeverity MinimumSeverity { get; set; } = AlertSeverity.Severe;

    /// <summary>Let <c>Unknown</c> severity count (off: an alert of unknown severity never counts unless its event is allowed).</summary>
    public bool CountUnknownSeverity { get; set; }

    public AlertUrgency? MinimumUrgency { get; set; }
    public AlertCertainty? MinimumCertainty { get; set; }

    /// <summary>Events that count whatever their severity, e.g. "Hurricane Warning".</summary>
    public List<string> AllowEvents { get; set; } = [];

    /// <summary>Events that never count, e.g. "Air Quality Alert".</summary>
    public List<string> DenyEvents { get; set; } = [];

    /// <summary>
    /// How long a disaster declaration goes on counting after its incident ended (<c>incidentEndDate</c>): collections stay
    /// on hold in a declared county long after the weather warning expired. An incident with no end date counts until it has one.
    /// </summary>
    public int DeclarationHoldDays { get; set; } = 30;

    /// <summary>FEMA declaration types that count (<c>DR</c>, <c>EM</c>, <c>FM</c>); none listed means DR and EM.</summary>
    public List<string> DeclarationTypes { get; set; } = [];

    /// <summary>FEMA incident types that count (<c>Hurricane</c>, <c>Flood</c>); none listed means every type.</summary>
    public List<string> IncidentTypes { get; set; } = [];

    /// <summary>How long a held campaign must be clear of counting alerts before it is resumed.</summary>
    public TimeSpan ClearFor { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>An alert whose onset is further ahead than this does not count yet.</summary>
    public TimeSpan LookAhead { get; set; } = TimeSpan.FromHours(3);

    public PolicyMode Mode { get; set; } = PolicyMode.Enforce;

    /// <summary>Largest share (0–1) of running campaigns one cycle may pause before a person must approve; 1 turns the check off.</summary>
    public double MaxPauseShare { get; set; } = 1.0;

    /// <summary>Let the next cycle that exceeds <see cref="MaxPauseShare"/> through.</summary>
    public bool ApproveNextLargeCycle { get; set; }

    /// <summary>Campaign ids the service never touches; adding one also stops its messages already queued.</summary>
    public List<string> ExcludedCampaigns { get; set; } = [];

    /// <summary>
    /// The kill switch: no status change at all, messages already queued or being retried included. They are recorded as
    /// halted and kept in the <c>interventions-halted</c> queue, to replay deliberately.
    /// </summary>
    public bool Halt { get; set; }

    /// <summary>A message planned longer ago than this is stale: recorded, never applied. A backlog from an outage must not replay old weather.</summary>
    public TimeSpan MaxMessageAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether status changes are stopped: <see cref="Halt"/>, or a dry run.</summary>
    public bool StopsChanges => Halt || Mode == PolicyMode.DryRun;
}
