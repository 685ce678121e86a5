namespace WeatherCampaign.Core.Planning;

public enum InterventionAction { Pause, Resume }

/// <summary>Why an intervention was planned: the alerts behind it and where they matched.</summary>
public sealed record InterventionReason(
    IReadOnlyList<string> AlertIds,
    IReadOnlyList<string> Events,
    IReadOnlyList<string> Regions,
    string? Severity,
    DateTimeOffset? Until);

/// <summary>One status change the planner asks for; it travels as one queue message.</summary>
/// <param name="NoLedgerRow">
/// The ledger the planner read had no row at all for this campaign, so the handler may create the hold without reading it
/// first (one storage round trip less per pause). Only a hint: if a row appeared meanwhile, the create fails and the
/// handler reads it as it otherwise would.
/// </param>
public sealed record Intervention(
    string Id,
    string CycleId,
    string CampaignId,
    string CampaignName,
    InterventionAction Action,
    InterventionReason Reason,
    DateTimeOffset PlannedAt,
    bool NoLedgerRow = false);
