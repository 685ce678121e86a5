namespace WeatherCampaign.Core.Dashboard;

/// <summary>What the status page shows, as its script reads it from <c>api/status</c>. Nothing in it is a secret.</summary>
/// <param name="ClearFor"><c>Policy:ClearFor</c>: how long a held campaign must be clear before it resumes.</param>
public sealed record StatusReport(
    DateTimeOffset At,
    string User,
    string Mode,
    TimeSpan ClearFor,
    IReadOnlyList<AlertView> Alerts,
    IReadOnlyList<FeedView> Feeds,
    IReadOnlyList<HoldView> Holds,
    ApprovalView? Approval,
    MapShading Map);

/// <summary>An alert that counts now (rule 1), with the states and counties it names for the map.</summary>
public sealed record AlertView(
    string Id, string Feed, string? Event, string Severity, string? Area, DateTimeOffset? Until, IReadOnlyList<string> States, IReadOnlyList<string> Counties);

public sealed record FeedView(string Name, bool Succeeded, int Alerts, string? Error);

/// <summary>
/// A campaign the service holds (or an operator's manual hold). <see cref="ResumesAt"/> is when the next cycle may resume
/// it: <see cref="ClearSince"/> + <c>Policy:ClearFor</c>, null while an alert still covers it or a manual hold keeps it.
/// </summary>
public sealed record HoldView(
    string CampaignId,
    string CampaignName,
    string State,
    string Why,
    DateTimeOffset? Since,
    DateTimeOffset ClearSince,
    bool StillAffected,
    TimeSpan? ClearFor,
    DateTimeOffset? ResumesAt,
    string? ManualHoldReason,
    IReadOnlyList<string> States);

/// <summary>The latest cycle, held for a person because it would pause more than <c>Policy:MaxPauseShare</c>.</summary>
public sealed record ApprovalView(string CycleId, DateTimeOffset HeldAt, string? Detail, int HeldCyclesToday);

/// <summary>
/// The map's shading: the worst severity in force per state (USPS code) and per county (5-digit FIPS), and how many held
/// campaigns name each state.
/// </summary>
public sealed record MapShading(
    IReadOnlyDictionary<string, string> States, IReadOnlyDictionary<string, string> Counties, IReadOnlyDictionary<string, int> HeldCampaigns);

/// <summary>One audit row as the page lists it.</summary>
public sealed record AuditView(
    DateTimeOffset OccurredAt, string Outcome, string? Action, string? CampaignId, string? CampaignName, string? Events, string? Regions, string? Detail, string? CycleId, bool DryRun);

/// <summary>What an action on the page did, in one line for the person who clicked.</summary>
public sealed record ActionResult(bool Done, string Message);
