using System.CommandLine;
using System.Net;
using Microsoft.Extensions.Configuration;
using WeatherCampaign.Core.Dashboard;

namespace WeatherCampaign.Cli.Commands;

/// <summary>
/// <c>dashboard</c>: the status page the Functions app serves in Azure, served here on 127.0.0.1 from the same handlers
/// (<see cref="DashboardEndpoint"/>), until Ctrl+C. The person acting is the signed-in OS user.
/// </summary>
internal static class DashboardCommand
{
    public const int DefaultPort = 7080;

    public static Command Create(CliEnvironment environment, GlobalOptions global)
    {
        var port = new Option<int>("--port")
        {
            Description = $"The loopback port to serve on (default {DefaultPort}). The page is served on 127.0.0.1 only, never beyond this machine.",
            HelpName = "N",
            DefaultValueFactory = _ => DefaultPort,
        };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 65_535)
            {
                result.AddError("--port must be between 1 and 65535.");
            }
        });
        var command = new Command("dashboard",
            "Serve the status page on http://127.0.0.1:PORT/ until Ctrl+C: alerts in force, held campaigns, a cycle held for approval " +
            "(Approve), manual holds (add, release), the audit trail and a map. Actions are audited with your OS user name.");
        command.Options.Add(port);
        command.SetAction((parse, cancellationToken) => CliApp.GuardAsync(environment, () => ServeAsync(
            environment.Settings(parse.GetValue(global.Settings)), environment, parse.GetValue(global.Verbose), parse.GetValue(port), cancellationToken),
            cancellationToken));
        return command;
    }

    public static async Task<int> ServeAsync(IConfiguration configuration, CliEnvironment environment, bool verbose, int port, CancellationToken cancellationToken)
    {
        await using var services = await CliServices.StartAsync(configuration, environment, verbose, ServiceNeeds.Everything, cancellationToken).ConfigureAwait(false);
        LoopbackDashboardServer server;
        try
        {
            server = LoopbackDashboardServer.Start(services.Get<DashboardEndpoint>(), IPAddress.Loopback, port, Environment.UserName);
        }
        catch (HttpListenerException ex)
        {
            await environment.Error.WriteLineAsync($"Cannot serve on 127.0.0.1:{port}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        await using (server.ConfigureAwait(false))
        {
            environment.Output.WriteLine($"Status page: {server.Address} (loopback only; acting as {Environment.UserName}). Ctrl+C stops it.");
            environment.Output.WriteLine("Approve puts the cycle's interventions on the 'interventions' queue; the Functions host (func start) applies them.");
            await environment.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using (cancellationToken.Register(() => stopped.TrySetResult()).ConfigureAwait(false))
            {
                await stopped.Task.ConfigureAwait(false);
            }
        }

        environment.Output.WriteLine("Status page stopped.");
        return ExitCodes.Success;
    }
}
