using CxoneSimulator;

namespace WeatherCampaign.Testing;

/// <summary>
/// A simulator serving the test's campaigns and its NWS feed (as <c>nws</c>), on the shared Azurite emptied of the service's
/// state, and the settings that point the service at both: what a test of a whole command starts from.
/// </summary>
public static class SimulatedTenant
{
    public static async Task<(SimulatorServer Simulator, Dictionary<string, string?> Settings)> StartAsync(
        IEnumerable<CampaignEntity> campaigns, string feed, string userAgent)
    {
        await SharedAzurite.ResetServiceStateAsync();
        var simulator = await SimulatorServer.StartAsync(SimulatorSeed.Default with { Campaigns = campaigns.ToList() });
        simulator.State.SetFeed("nws", feed, NwsFeed.ContentType);
        return (simulator, Settings(simulator, userAgent));
    }

    /// <summary>The service's settings for <paramref name="simulator"/>'s tenant and its <c>nws</c> feed, and the shared Azurite.</summary>
    public static Dictionary<string, string?> Settings(SimulatorServer simulator, string userAgent)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        return new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = SharedAzurite.ConnectionString,
            ["Cxone:BaseUrl"] = simulator.BaseAddress,
            ["Cxone:ClientId"] = SimulatorSeed.LocalClientId,
            ["Cxone:ClientSecret"] = SimulatorSeed.LocalClientSecret,
            ["Cxone:MaxRetries"] = "1",
            ["Weather:Feeds:0:Url"] = simulator.BaseAddress + "/feeds/nws",
            ["Weather:Feeds:0:Name"] = "nws",
            ["Weather:UserAgent"] = userAgent,
            ["Policy:ClearFor"] = "00:30:00",
        };
    }
}
