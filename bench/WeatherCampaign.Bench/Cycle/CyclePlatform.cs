using System.Globalization;
using System.Text.Json;
using CxoneSimulator;
using CxoneSimulator.CxoneAdmin;
using CxoneSimulator.Genesys;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Platforms;
using WeatherCampaign.Core.Platforms.CxoneSkills;
using WeatherCampaign.Core.Platforms.GenesysCloud;

namespace WeatherCampaign.Bench.Cycle;

/// <summary>What the tenant saw of one cycle, in the three platforms' common terms (PATCH is Genesys's PUT and a skill's stop or start).</summary>
internal sealed record PlatformCounts(int Tokens, int Pages, int Gets, int Changes, int StatusChanges);

/// <summary>
/// One platform as the cycle benchmark drives it (<c>Platform:Kind</c>): how N campaigns are seeded in its part of the simulator,
/// the settings that point the service at it, what it counts, and the minimal requests a cycle needs there (bench/README.md, "Per platform").
/// </summary>
internal sealed class CyclePlatform(string kind)
{
    public string Kind { get; } = kind;

    /// <summary>The platform's listing page size (its production default).</summary>
    public int PageSize => Kind switch
    {
        PlatformOptions.GenesysCloud => new GenesysCloudOptions().PageSize,
        PlatformOptions.CxoneSkills => new CxoneAdminOptions().PageSize,
        _ => new CxoneOptions().PageSize,
    };

    /// <summary>The pace the service keeps on this platform by default, in requests per second.</summary>
    public double DefaultRequestsPerSecond => Kind switch
    {
        PlatformOptions.GenesysCloud => new GenesysCloudOptions().RequestsPerSecond,
        PlatformOptions.CxoneSkills => new CxoneAdminOptions().RequestsPerSecond,
        _ => new CxoneOptions().RequestsPerSecond,
    };

    /// <summary>Requests a cycle needs before its first page when nothing is cached: the token, and on CXone skills the discovery of the API host.</summary>
    public int MinimalBeforeListing => Kind == PlatformOptions.CxoneSkills ? 2 : 1;

    /// <summary>Seeds <paramref name="campaigns"/> (made for the CXone campaign API) the platform's way; each keeps its region.</summary>
    public void Seed(SimulatorState state, IReadOnlyList<CampaignEntity> campaigns)
    {
        switch (Kind)
        {
            case PlatformOptions.GenesysCloud:
                state.Genesys.Seed(campaigns.Select((c, i) => GenesysCampaignFactory.Create(i + 1, $"{c.Name} [{RegionOf(c)}]")));
                break;
            case PlatformOptions.CxoneSkills:
                state.CxoneAdmin.Seed(campaigns.Select((c, i) => AdminSkill.Dialer(10_001 + i, c.Name, notes: "region=" + RegionOf(c))));
                break;
            default:
                state.Seed(campaigns);
                break;
        }
    }

    /// <summary>The platform's settings against the simulator; the pace is left at the platform's default except on the CXone campaign API, paced at R as before.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings(string simulatorBaseAddress, double requestsPerSecond) => Kind switch
    {
        PlatformOptions.GenesysCloud =>
        [
            new("Platform:Kind", Kind),
            new("GenesysCloud:LoginUrl", simulatorBaseAddress + GenesysRoutes.LoginBase),
            new("GenesysCloud:ApiUrl", simulatorBaseAddress + GenesysRoutes.ApiBase),
            new("GenesysCloud:ClientId", SimulatorSeed.LocalClientId),
            new("GenesysCloud:ClientSecret", SimulatorSeed.LocalClientSecret),
        ],
        PlatformOptions.CxoneSkills =>
        [
            new("Platform:Kind", Kind),
            new("CxoneAdmin:AuthUrl", simulatorBaseAddress + "/cxone-auth"),
            new("CxoneAdmin:ClientId", CxoneAdminState.ClientId),
            new("CxoneAdmin:ClientSecret", CxoneAdminState.ClientSecret),
            new("CxoneAdmin:AccessKeyId", CxoneAdminState.AccessKeyId),
            new("CxoneAdmin:AccessKeySecret", CxoneAdminState.AccessKeySecret),
            new("CxoneAdmin:AllowLoopbackEndpoints", "true"),
        ],
        _ =>
        [
            new("Cxone:BaseUrl", simulatorBaseAddress),
            new("Cxone:ClientId", SimulatorSeed.LocalClientId),
            new("Cxone:ClientSecret", SimulatorSeed.LocalClientSecret),
            new("Cxone:RequestsPerSecond", requestsPerSecond.ToString(CultureInfo.InvariantCulture)),
        ],
    };

    public static void ResetCounters(SimulatorState state)
    {
        state.ResetCounters();
        state.Genesys.ResetCounters();
    }

    /// <summary>The requests counted since the last reset; on CXone skills the token figure includes the discovery request.</summary>
    public PlatformCounts Count(SimulatorState state) => Kind switch
    {
        PlatformOptions.GenesysCloud => new(state.CountFor(SimulatorEndpoint.GenesysToken), state.CountFor(SimulatorEndpoint.GenesysListCampaigns),
            state.CountFor(SimulatorEndpoint.GenesysGetCampaign), state.CountFor(SimulatorEndpoint.GenesysPutCampaign), state.Genesys.StatusChanges),
        PlatformOptions.CxoneSkills => new(state.CountFor(SimulatorEndpoint.CxoneAdminToken) + state.CountFor(SimulatorEndpoint.CxoneAdminDiscovery),
            state.CountFor(SimulatorEndpoint.ListSkills), state.CountFor(SimulatorEndpoint.GetSkill),
            state.CountFor(SimulatorEndpoint.StopSkill) + state.CountFor(SimulatorEndpoint.StartSkill), state.CxoneAdmin.StatusChanges),
        _ => new(state.CountFor(SimulatorEndpoint.Token), state.CountFor(SimulatorEndpoint.ListCampaigns), state.CountFor(SimulatorEndpoint.GetCampaign),
            state.CountFor(SimulatorEndpoint.PatchCampaign), state.StatusChanges),
    };

    /// <summary>Each campaign's region and whether it is paused now (a Genesys <c>stopping</c> counts: the stop was made).</summary>
    public IReadOnlyList<(string Region, bool Paused)> Standing(SimulatorState state) => Kind switch
    {
        PlatformOptions.GenesysCloud => [.. state.Genesys.Campaigns.Select(b => (
            string.Join(",", CampaignLabels.InName(b["name"]!.GetValue<string>()).Regions),
            b[GenesysOrg.StatusField]!.GetValue<string>() is "off" or "stopping"))],
        PlatformOptions.CxoneSkills => [.. state.CxoneAdmin.Skills.Select(s => (
            CampaignLabels.TokensIn(s.Notes).GetValueOrDefault(CampaignLabels.RegionKey, ""), !s.IsRunning))],
        _ => [.. state.Campaigns.Select(c => (RegionOf(c), c.Status == CampaignEntity.Paused))],
    };

    public static string RegionOf(CampaignEntity campaign) =>
        campaign.CustomAttributes?.TryGetValue("region", out var region) == true && region.ValueKind == JsonValueKind.String ? region.GetString() ?? "" : "";
}
