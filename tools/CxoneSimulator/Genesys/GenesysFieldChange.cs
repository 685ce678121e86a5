using System.Text.Json.Nodes;

namespace CxoneSimulator.Genesys;

/// <summary>
/// A field other than <c>campaignStatus</c> and <c>version</c> that a PUT through the API changed: the service must never
/// cause one. <paramref name="Before"/> or <paramref name="After"/> is null when the field was added or removed.
/// </summary>
public sealed record GenesysFieldChange(string CampaignId, string Field, JsonNode? Before, JsonNode? After);
