using WeatherCampaign.Core.Alerts;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Holds;

namespace WeatherCampaign.Core.Planning;

/// <summary>What the planner reads: one cycle's alerts, the complete campaign listing (or why there is none), and the ledger.</summary>
public sealed record PlanningInput(
    string CycleId,
    AlertSnapshot Alerts,
    CampaignListing? Campaigns,
    IReadOnlyList<WeatherHold> Holds,
    string? CampaignsError = null);
