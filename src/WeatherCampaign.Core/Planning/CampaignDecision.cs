using WeatherCampaign.Core.Campaigns;

namespace WeatherCampaign.Core.Planning;

public enum DecisionKind { Pause, Resume, None }

/// <summary>What the planner concluded about one campaign, and why, for the operator's table.</summary>
/// <param name="Change">The ledger change the decision makes without changing the campaign, if any.</param>
public sealed record CampaignDecision(Campaign Campaign, DecisionKind Kind, string Why, InterventionReason? Reason = null, HoldChange? Change = null)
{
    /// <summary>What an officer should know about how it was decided (an unknown time zone, replaced by the default); null for nothing.</summary>
    public string? Warning { get; init; }
}

/// <summary>A listed campaign the planner would not consider, and why (its id is unsafe to put in a request path).</summary>
public sealed record RefusedCampaign(Campaign Campaign, string Reason);
