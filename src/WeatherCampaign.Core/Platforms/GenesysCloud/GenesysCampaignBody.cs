using System.Text.Json;
using System.Text.Json.Nodes;
using WeatherCampaign.Core.Campaigns;

namespace WeatherCampaign.Core.Platforms.GenesysCloud;

/// <summary>
/// One Genesys Cloud campaign exactly as the API sent it, kept as a <see cref="JsonObject"/> so that every field, known or
/// not, goes back unchanged in the PUT that turns it on or off. Never changed in place.
/// </summary>
public sealed class GenesysCampaignBody
{
    public const string StatusField = "campaignStatus";
    public const string VersionField = "version";

    private readonly JsonObject _body;

    private GenesysCampaignBody(JsonObject body) => _body = body;

    public string Id => Text("id");

    public string Name => Text("name");

    /// <summary>The status word as sent (<c>on</c>, <c>off</c>, <c>stopping</c>, <c>complete</c>, <c>invalid</c>, <c>forced_off</c> …).</summary>
    public string Status => Text(StatusField);

    /// <summary>The division's name (<c>division.name</c>), empty when there is none.</summary>
    public string DivisionName => _body["division"] is JsonObject division && division["name"] is JsonValue name && name.TryGetValue<string>(out var text) ? text : "";

    /// <summary>Wraps a listed or read campaign; null when <paramref name="node"/> is not a JSON object.</summary>
    public static GenesysCampaignBody? From(JsonNode? node) => node is JsonObject body ? new GenesysCampaignBody(body) : null;

    /// <summary>The PUT body: a copy of the campaign as read, only <c>campaignStatus</c> set to <paramref name="status"/> (the version stays the one read).</summary>
    public string WithStatus(string status)
    {
        var copy = (JsonObject)_body.DeepClone();
        copy[StatusField] = status;
        return copy.ToJsonString();
    }

    /// <summary>The neutral campaign: regions and opt-out from the name's brackets (and the division's name when asked).</summary>
    public Campaign ToCampaign(bool regionFromDivision)
    {
        var labels = CampaignLabels.InName(Name);
        var regions = new List<string>(labels.Regions);
        if (regionFromDivision && DivisionName.Length > 0)
        {
            var division = CampaignLabels.InName(DivisionName).Regions;
            regions.AddRange(division.Count > 0 ? division : CampaignLabels.SplitCodes(DivisionName));
        }

        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (labels.OptedOut)
        {
            attributes[CampaignLabels.AutomationKey] = "off";
        }

        // A Genesys campaign names no time zone of its own (its callable time set would cost a request per set): a [tz:…] label can.
        if (labels.TimeZone is { Length: > 0 } zone)
        {
            attributes[Campaign.TimeZoneAttribute] = zone;
        }

        return new Campaign(Id, Name, StatusOf(Status), Status, [.. regions.Distinct(StringComparer.OrdinalIgnoreCase)], attributes);
    }

    /// <summary>Genesys Cloud's words on the neutral statuses; a word it may add later is Unknown and left alone.</summary>
    public static CampaignStatus StatusOf(string word) => word.Trim().ToLowerInvariant() switch
    {
        "on" => CampaignStatus.Running,
        "off" => CampaignStatus.Paused,
        "complete" => CampaignStatus.Completed,
        "stopping" or "forced_stopping" => CampaignStatus.Transitioning,
        "invalid" => CampaignStatus.Draft,
        _ => CampaignStatus.Unknown,
    };

    private string Text(string field) =>
        _body[field] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : "";
}
