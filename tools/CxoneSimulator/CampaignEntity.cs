using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxoneSimulator;

/// <summary>A campaign exactly as the campaign API's listing and read endpoints answer it (<see cref="CampaignEndpoints"/>).</summary>
/// <param name="Status">Kept as a string: the simulator must be able to hold statuses the service does not know (its <c>CampaignStatus.Unknown</c>).</param>
/// <param name="CustomAttributes">Values may be strings, arrays or anything else JSON allows, as on a real tenant.</param>
public sealed record CampaignEntity(
    string Id,
    string Name,
    string Status,
    [property: JsonPropertyName("custom_attributes")] IReadOnlyDictionary<string, JsonElement>? CustomAttributes = null)
{
    public const string Running = "running";
    public const string Paused = "paused";
    public const string Draft = "draft";
    public const string Completed = "completed";

    /// <summary>Builds an entity whose <c>custom_attributes</c> hold a region and, when given, a timezone.</summary>
    public static CampaignEntity Create(string id, string name, string status, string? region = null, string? timezone = null)
    {
        var attributes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (region is not null)
        {
            attributes["region"] = JsonSerializer.SerializeToElement(region);
        }

        if (timezone is not null)
        {
            attributes["timezone"] = JsonSerializer.SerializeToElement(timezone);
        }

        return new CampaignEntity(id, name, status, attributes);
    }
}
