using System.CommandLine;
using System.Globalization;
using CxoneSimulator;
using Microsoft.Extensions.Configuration;
using WeatherCampaign.Cli;
using WeatherCampaign.Core.Platforms;
using WeatherCampaign.Demo.Platforms;
using WeatherCampaign.DevTools;

namespace WeatherCampaign.Demo;

/// <summary>
/// <c>serve</c>: the tool's <c>serve</c> (the service as the Functions host runs it) on the demo's embedded defaults: Azurite
/// and the simulator on free loopback ports, the demo's campaigns and storm feed, until Ctrl+C. The tool itself knows
/// nothing of the simulator; this is where the two meet.
/// </summary>
internal static class DemoServeCommand
{
    public static Command Create(TextWriter output, TextWriter error, Func<string> repositoryRoot)
    {
        var command = new Command("serve",
            "Run the service on this machine until Ctrl+C, as the Functions host would, on the demo's built-in settings: Azurite, the " +
            "simulated CXone tenant with the demo's campaigns and its storm feed; change the feed (the printed curl line) and watch it act.");
        command.SetAction((parse, cancellationToken) => DemoCommand.GuardAsync(error, () => ExecuteAsync(output, error, repositoryRoot, cancellationToken), cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(TextWriter output, TextWriter error, Func<string> repositoryRoot, CancellationToken cancellationToken)
    {
        output.Write("Starting Azurite (the storage emulator) ... ");
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        await using var azurite = await AzuriteServer.StartAsync(repositoryRoot(), cancellationToken: cancellationToken).ConfigureAwait(false);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ready (tables on 127.0.0.1:{azurite.TablePort}, queues on 127.0.0.1:{azurite.QueuePort})."));

        await using var simulator = await SimulatorServer.StartAsync(DemoTenant.EmptySeed(), ct: cancellationToken).ConfigureAwait(false);
        var platform = DemoPlatform.For(PlatformOptions.CxoneCampaigns);
        platform.Seed(simulator.State, DemoTenant.Campaigns);
        simulator.State.SetFeed(DemoTenant.FeedName, DemoTenant.StormFeed(DateTimeOffset.UtcNow), DemoTenant.GeoJson);
        var settings = DemoTenant.Settings(azurite.ConnectionString, simulator.BaseAddress, platform);
        output.WriteLine($"The CXone simulator on {simulator.BaseAddress}: {DemoTenant.Campaigns.Count} campaigns, the demo's storm feed at {settings["Weather:Feeds:0:Url"]}.");
        output.WriteLine($"  Watch the campaigns:  curl {simulator.BaseAddress}/_sim/campaigns");
        output.WriteLine($"  Clear the weather:    curl -X PUT -H 'Content-Type: {DemoTenant.GeoJson}' --data '{DemoTenant.EmptyFeed}' {simulator.BaseAddress}/_sim/feeds/{DemoTenant.FeedName}");
        output.WriteLine("  (a held campaign is resumed after Policy:ClearFor, 30 minutes clear; Ctrl+C stops everything this started)");

        var tool = new CliEnvironment(output, error)
        {
            Overrides = new ConfigurationBuilder().AddInMemoryCollection(settings).Build(),
            ReadEnvironmentVariables = false,
        };
        var exitCode = await CliApp.RunAsync(["serve"], tool, cancellationToken).ConfigureAwait(false);
        output.WriteLine("Stopping the simulator and Azurite.");
        return exitCode;
    }
}
