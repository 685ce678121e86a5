namespace CxoneSimulator.Genesys;

/// <summary>Where the Genesys Cloud API lives in the one simulator process: its login and API hosts become base paths.</summary>
public static class GenesysRoutes
{
    /// <summary>The login host's base path: <c>GenesysCloud:LoginUrl</c> is the simulator's address plus this.</summary>
    public const string LoginBase = "/genesys/login";

    /// <summary>The API host's base path: <c>GenesysCloud:ApiUrl</c> is the simulator's address plus this.</summary>
    public const string ApiBase = "/genesys/api";

    public const string CampaignsPath = ApiBase + "/api/v2/outbound/campaigns";

    /// <summary>The Genesys Cloud API routes that need a bearer token, and the scope of the simulator's token each needs.</summary>
    internal static string? ScopeFor(SimulatorEndpoint endpoint) => endpoint switch
    {
        SimulatorEndpoint.GenesysListCampaigns or SimulatorEndpoint.GenesysGetCampaign => SimulatorSeed.ReadScope,
        SimulatorEndpoint.GenesysPutCampaign => SimulatorSeed.WriteScope,
        _ => null,
    };

    internal static bool IsGenesys(SimulatorEndpoint endpoint) =>
        endpoint is SimulatorEndpoint.GenesysToken or SimulatorEndpoint.GenesysListCampaigns or SimulatorEndpoint.GenesysGetCampaign or SimulatorEndpoint.GenesysPutCampaign;
}
