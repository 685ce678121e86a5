using CxoneSimulator;
using CxoneSimulator.Genesys;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Platforms;

namespace WeatherCampaign.Demo.Platforms;

/// <summary>
/// Genesys Cloud outbound campaigns (<c>/genesys/...</c> in the simulator): regions and the opt-out in brackets in the name
/// (<c>Tampa Bay Collections [UGC:FLZ151,UGC:FLZ251]</c>, <c>[weather:off]</c>), statuses <c>on</c>, <c>off</c> (after
/// <c>stopping</c>), <c>invalid</c> and <c>complete</c>.
/// </summary>
internal sealed class GenesysCloudDemoPlatform : DemoPlatform
{
    public override string Kind => PlatformOptions.GenesysCloud;

    public override string Tenant => "a simulated Genesys Cloud org";

    public override string Place => " (Genesys Cloud under /genesys)";

    public override void Seed(SimulatorState state, IReadOnlyList<DemoCampaign> campaigns)
    {
        // A real stop has long settled in the five minutes the demo's clock skips: the first read after the stop sees off.
        state.Genesys.Rules.StoppingReads = 0;
        state.Genesys.Seed(campaigns.Select(c => GenesysCampaignFactory.Create(IdOf(c.Key), NameOf(c), StatusOf(c.Status))));
    }

    public override IEnumerable<KeyValuePair<string, string?>> Settings(string simulatorBaseAddress) =>
    [
        new("Platform:Kind", Kind),
        new("GenesysCloud:LoginUrl", simulatorBaseAddress + GenesysRoutes.LoginBase),
        new("GenesysCloud:ApiUrl", simulatorBaseAddress + GenesysRoutes.ApiBase),
        new("GenesysCloud:ClientId", SimulatorSeed.LocalClientId),
        new("GenesysCloud:ClientSecret", SimulatorSeed.LocalClientSecret),
    ];

    public override IReadOnlyList<DemoCampaignRow> Read(SimulatorState state) =>
        [.. state.Genesys.Campaigns.Select(body =>
        {
            var name = body["name"]!.GetValue<string>();
            var status = body[GenesysOrg.StatusField]!.GetValue<string>();
            var labels = CampaignLabels.InName(name);
            return new DemoCampaignRow(body["id"]!.GetValue<string>(), name, string.Join(",", labels.Regions), status, StateOf(status),
                labels.OptedOut ? "[weather:off] in its name" : "");
        })];

    /// <summary>A GUID built from the CXone campaign id's hex, so the demo's ids are the same on every run.</summary>
    public override string IdOf(string key)
    {
        var hex = key["camp-".Length..];
        return $"{hex}-4f1e-4a7c-9b2d-0000{hex}";
    }

    private static string NameOf(DemoCampaign campaign) =>
        $"{campaign.Name} [{campaign.Region}]{(campaign.AutomationOff ? " [" + CampaignLabels.OptOutLabel + "]" : "")}";

    private static string StatusOf(string status) => status switch
    {
        CampaignEntity.Running => "on",
        CampaignEntity.Paused => "off",
        CampaignEntity.Completed => "complete",
        _ => "invalid",
    };

    // "stopping" is an off the platform has not finished: the pause was made.
    private static DemoState StateOf(string status) => status switch
    {
        "on" => DemoState.Running,
        "off" or "stopping" => DemoState.Paused,
        _ => DemoState.Other,
    };
}
