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

    /// <summary>
    /// A message applied later than this after its cycle listed the campaigns reads the campaign again first, so that an
    /// opt-out set meanwhile is honoured; a fresher one trusts the listing (one request per change). Zero: always read.
    /// </summary>
    public TimeSpan OptOutRecheckAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Local time (<c>09:00</c>) from which a held campaign may be resumed in its own time zone; unset: from midnight.</summary>
    public string? ResumeNotBefore { get; set; }

    /// <summary>Local time (<c>20:00</c>) from which no campaign is resumed until the next window; unset: until midnight.</summary>
    public string? ResumeNotAfter { get; set; }

    /// <summary>Days a campaign may be resumed on, <c>Mon,Tue,Wed,Thu,Fri</c> (names or three-letter abbreviations); unset: every day.</summary>
    public string? BusinessDays { get; set; }

    /// <summary>
    /// The IANA time zone (<c>America/New_York</c>) of a campaign that names none (or an unknown one); unset: UTC. Only the
    /// resume window and the next-business-day rule read a time zone.
    /// </summary>
    public string? DefaultTimeZone { get; set; }

    /// <summary>A hold lasts at least this long from its pause, however soon the weather clears; zero: no minimum.</summary>
    public TimeSpan MinimumHold { get; set; }

    /// <summary>Per alert event (<c>Hurricane Warning</c>, or <c>Hurricane_Warning</c> where a setting name cannot hold a space): how long the hold lasts after the alert's end.</summary>
    public Dictionary<string, TimeSpan> HoldAfter { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Resume no earlier than <see cref="ResumeNotBefore"/> of the business day after the one the weather cleared on.</summary>
    public bool ResumeNextBusinessDay { get; set; }

    /// <summary>Per state (postal code, <c>OR</c>): the resume rules that differ there; the strictest of a hold's states applies.</summary>
    public Dictionary<string, StateResumeOptions> States { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Most resumes one cycle plans (oldest hold first; the rest wait for later cycles); zero: no limit.</summary>
    public int MaxResumesPerCycle { get; set; }

    /// <summary>Most resumes one cycle plans in any one region of the holds (<c>STATE:FL</c>, <c>UGC:FLZ172</c>); zero: no limit.</summary>
    public int MaxResumesPerRegionPerCycle { get; set; }

    /// <summary>Whether status changes are stopped: <see cref="Halt"/>, or a dry run.</summary>
    public bool StopsChanges => Halt || Mode == PolicyMode.DryRun;
}
