using System.Text.Json;
using CxoneSimulator;
using WeatherCampaign.Core.Platforms;

namespace WeatherCampaign.Demo.Platforms;

/// <summary>The customer's CXone campaign API (the default): campaigns with <c>region</c>, <c>timezone</c> and <c>weather_automation</c> custom attributes.</summary>
internal sealed class CxoneCampaignsDemoPlatform : DemoPlatform
{
    public override string Kind => PlatformOptions.CxoneCampaigns;

    public override string Tenant => "a simulated CXone tenant";

    public override string Place => "";

    public override void Seed(SimulatorState state, IReadOnlyList<DemoCampaign> campaigns) => state.Seed(campaigns.Select(ToEntity));

    public override IEnumerable<KeyValuePair<string, string?>> Settings(string simulatorBaseAddress) =>
    [
        new("Cxone:BaseUrl", simulatorBaseAddress),
        new("Cxone:ClientId", SimulatorSeed.LocalClientId),
        new("Cxone:ClientSecret", SimulatorSeed.LocalClientSecret),
    ];

    public override IReadOnlyList<DemoCampaignRow> Read(SimulatorState state) =>
        [.. state.Campaigns.Select(c => new DemoCampaignRow(c.Id, c.Name, Attribute(c, "region"), c.Status, StateOf(c.Status),
            Attribute(c, "weather_automation") == "off" ? "weather_automation=off" : ""))];

    public override string IdOf(string key) => key;

    private static DemoState StateOf(string status) => status switch
    {
        CampaignEntity.Running => DemoState.Running,
        CampaignEntity.Paused => DemoState.Paused,
        _ => DemoState.Other,
    };

    private static CampaignEntity ToEntity(DemoCampaign campaign)
    {
        var attributes = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
        {
            ["region"] = JsonSerializer.SerializeToElement(campaign.Region),
            ["timezone"] = JsonSerializer.SerializeToElement(campaign.TimeZone),
        };
        if (campaign.AutomationOff)
        {
            attributes["weather_automation"] = JsonSerializer.SerializeToElement("off");
        }

        return new CampaignEntity(campaign.Key, campaign.Name, campaign.Status, attributes);
    }

    private static string Attribute(CampaignEntity campaign, string name) =>
        campaign.CustomAttributes?.TryGetValue(name, out var value) == true && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
