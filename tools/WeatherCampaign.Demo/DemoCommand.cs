using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CxoneSimulator;
using Microsoft.Extensions.Configuration;
using Spectre.Console;
using WeatherCampaign.Cli;
using WeatherCampaign.Core.Platforms;
using WeatherCampaign.Demo.Platforms;
using WeatherCampaign.DevTools;

namespace WeatherCampaign.Demo;

/// <summary>
/// The demo: the whole story on this machine, with no settings: Azurite and a simulated CXone tenant on free loopback
/// ports, an NWS feed with a hurricane and a blizzard, a cycle that pauses, an operator's hold, the weather clearing, a cycle
/// that resumes only what the service paused, and the audit trail. Each step is the operator tool's command, run in-process
/// (<see cref="CliApp.RunAsync(string[], CliEnvironment, CancellationToken)"/>). Everything it starts is stopped at the end, and on Ctrl+C.
/// </summary>
internal static class DemoCommand
{
    public static RootCommand Create(TextWriter output, TextWriter error)
    {
        // The operator tool's two options, so a command line written for the tool runs the demo too.
        var settings = new Option<FileInfo?>("--settings")
        {
            Description = "Ignored: the demo runs on its built-in settings, whatever this file or the environment says.",
            HelpName = "FILE",
        };
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Log what the service does (information level) to standard error.",
        };
        var platform = new Option<string>("--platform")
        {
            Description = "The platform the story runs on, in the simulator: the CXone campaign API (default), Genesys Cloud or CXone Personal Connection skills.",
            HelpName = "KIND",
            DefaultValueFactory = _ => PlatformOptions.CxoneCampaigns,
        };
        platform.AcceptOnlyFromAmong([.. PlatformOptions.Kinds]);
        var command = new RootCommand(
            "Run the whole story locally on built-in settings (needs Node.js for Azurite; runs 'npm ci' if node_modules is missing): " +
            "start Azurite and a simulated CXone tenant, serve an NWS feed with a hurricane and a blizzard, pause, clear the weather, resume, " +
            "and print the tables and the audit trail. Ignores --settings and the environment's service settings.");
        command.Options.Add(settings);
        command.Options.Add(verbose);
        command.Options.Add(platform);
        command.Subcommands.Add(DemoServeCommand.Create(output, error, RepositoryRoot));
        command.SetAction((parse, cancellationToken) => GuardAsync(error, () => ExecuteAsync(
            output, error, parse.GetValue(verbose), DemoPlatform.For(parse.GetValue(platform)!), cancellationToken), cancellationToken));
        return command;
    }

    public static async Task<int> ExecuteAsync(TextWriter output, TextWriter error, bool verbose, DemoPlatform platform, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        output.WriteLine($"WeatherCampaign demo: Azurite, {platform.Tenant} and an NWS alert feed, all on this machine.");
        output.WriteLine();

        output.Write("Starting Azurite (the storage emulator) ... ");
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        await using var azurite = await AzuriteServer.StartAsync(RepositoryRoot(), cancellationToken: cancellationToken).ConfigureAwait(false);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ready (tables on 127.0.0.1:{azurite.TablePort}, queues on 127.0.0.1:{azurite.QueuePort})."));

        output.Write("Starting the CXone simulator ... ");
        await using var simulator = await SimulatorServer.StartAsync(DemoTenant.EmptySeed(), ct: cancellationToken).ConfigureAwait(false);
        platform.Seed(simulator.State, DemoTenant.Campaigns);
        var before = Rows(platform, simulator.State);
        output.WriteLine($"{simulator.BaseAddress}{platform.Place}, {before.Count} campaigns.");

        var clock = new DemoClock();
        var feed = DemoTenant.StormFeed(clock.GetUtcNow());
        simulator.State.SetFeed(DemoTenant.FeedName, feed, DemoTenant.GeoJson);
        var settings = DemoTenant.Settings(azurite.ConnectionString, simulator.BaseAddress, platform);
        var clearFor = TimeSpan.Parse(settings["Policy:ClearFor"]!, CultureInfo.InvariantCulture);
        // Only the demo's settings: nothing the shell exports (Policy__Mode, KeyVault__Uri, ...) leaks in.
        var tool = new CliEnvironment(output, error)
        {
            Overrides = new ConfigurationBuilder().AddInMemoryCollection(settings).Build(),
            ReadEnvironmentVariables = false,
            Clock = clock,
        };
        string[] flags = verbose ? ["--verbose"] : [];
        Task<int> StepAsync(params string[] args) => RunStepAsync(tool, [.. args, .. flags], cancellationToken);

        output.WriteLine($"Weather feed {settings["Weather:Feeds:0:Url"]} (NWS GeoJSON, times moved to now):");
        foreach (var line in DemoTenant.DescribeFeed(feed))
        {
            output.WriteLine("  - " + line);
        }

        output.WriteLine("Policy: alerts count from severity Severe; a held campaign is resumed after 30 min clear (Policy:ClearFor); US-NE = NY,NJ,PA,CT,RI,MA,VT,NH,ME.");
        output.WriteLine("Each '$ weathercampaign ...' step below runs the same code as that command, on these settings.");

        Heading(output, "1. The storm is here. What would the service do? (dry run)");
        Prompt(output, "plan");
        Check(await StepAsync("plan").ConfigureAwait(false));

        Heading(output, "2. One cycle, as the Functions app runs it: plan, queue, apply");
        Prompt(output, "run");
        var firstRun = await StepAsync("run").ConfigureAwait(false);
        output.WriteLine();
        WriteTenant(platform, simulator.State, before, output);
        var afterStorm = Rows(platform, simulator.State);

        var operatorHeld = platform.IdOf(DemoTenant.OperatorHeld);
        Heading(output, $"3. An operator keeps '{before[operatorHeld].Name}' paused");
        const string reason = "Tampa call center closed after storm damage";
        Prompt(output, $"holds add {operatorHeld} --reason \"{reason}\"");
        Check(await StepAsync("holds", "add", operatorHeld, "--reason", reason, "--by", "demo-operator").ConfigureAwait(false));
        Prompt(output, "holds");
        Check(await StepAsync("holds").ConfigureAwait(false));

        Heading(output, "4. The weather clears: the feed is empty. A few minutes later:");
        simulator.State.SetFeed(DemoTenant.FeedName, DemoTenant.EmptyFeed, DemoTenant.GeoJson);
        clock.Advance(TimeSpan.FromMinutes(5));
        Prompt(output, "plan");
        Check(await StepAsync("plan").ConfigureAwait(false));

        var jump = clearFor + TimeSpan.FromMinutes(1);
        Heading(output, string.Create(CultureInfo.InvariantCulture,
            $"5. {jump.TotalMinutes:0} minutes later (the demo's clock jumps ahead past Policy:ClearFor)"));
        clock.Advance(jump - TimeSpan.FromMinutes(5));
        Prompt(output, "run");
        var secondRun = await StepAsync("run").ConfigureAwait(false);
        output.WriteLine();
        WriteTenant(platform, simulator.State, before, output);

        Heading(output, "6. The audit trail");
        Prompt(output, "audit");
        Check(await StepAsync("audit").ConfigureAwait(false));

        output.WriteLine();
        var outcome = Conclude(platform, simulator.State, before, afterStorm, firstRun, secondRun, watch.Elapsed, output);
        output.WriteLine("Stopping the simulator and Azurite.");
        return outcome;
    }

    /// <summary>
    /// One '$ weathercampaign ...' step: the tool's own parsing, handlers, messages and exit code. A cancelled step stops
    /// the demo, as Ctrl+C stops the tool.
    /// </summary>
    private static async Task<int> RunStepAsync(CliEnvironment tool, string[] args, CancellationToken cancellationToken)
    {
        var exitCode = await CliApp.RunAsync(args, tool, cancellationToken).ConfigureAwait(false);
        if (exitCode == ExitCodes.Cancelled)
        {
            throw new DemoStepFailedException(exitCode);
        }

        return exitCode;
    }

    /// <summary>
    /// Runs the demo and turns what stops it into one line and an exit code; anything unexpected is left to
    /// System.CommandLine's handler (stack trace, exit code 1). A step's own failures were already told by the tool.
    /// </summary>
    internal static async Task<int> GuardAsync(TextWriter error, Func<Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("Cancelled.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (DemoStepFailedException ex)
        {
            // A cancelled step has printed "Cancelled." itself.
            if (ex.ExitCode != ExitCodes.Cancelled)
            {
                await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            }

            return ex.ExitCode;
        }
        catch (SettingsException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.InvalidUsage;
        }
    }

    /// <summary>Says what happened, and fails the demo when the service did something it must never do.</summary>
    private static int Conclude(
        DemoPlatform platform, SimulatorState state, IReadOnlyDictionary<string, DemoCampaignRow> before, IReadOnlyDictionary<string, DemoCampaignRow> afterStorm,
        int firstRun, int secondRun, TimeSpan elapsed, TextWriter output)
    {
        var now = Rows(platform, state);
        var operatorHeld = platform.IdOf(DemoTenant.OperatorHeld);
        var personPaused = platform.IdOf(DemoTenant.PersonPaused);
        var paused = afterStorm.Count(c => c.Value.State == DemoState.Paused && before[c.Key].State == DemoState.Running);
        var resumed = now.Count(c => c.Value.State == DemoState.Running && afterStorm[c.Key].State == DemoState.Paused);
        var personPausedKept = now[personPaused].State == DemoState.Paused;
        var operatorHeldKept = now[operatorHeld].State == DemoState.Paused;
        var allOthersBack = before.Where(c => c.Key != operatorHeld).All(c => now.TryGetValue(c.Key, out var row) && row.Status == c.Value.Status);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Demo finished in {elapsed.TotalSeconds:0.0} s: the service paused {paused} campaigns under the storm and resumed {resumed} when the weather had been clear for 30 min."));
        output.WriteLine($"  '{now[operatorHeld].Name}' stays paused: operator hold{(operatorHeldKept ? "" : " NOT HONOURED")}.");
        output.WriteLine($"  '{now[personPaused].Name}' was paused by a person in the hurricane's path: {(personPausedKept ? "never touched, still paused" : "CHANGED BY THE SERVICE")}.");
        output.WriteLine($"  Every other campaign is back where it started: {(allOthersBack ? "yes" : "NO")}.");
        return firstRun == ExitCodes.Success && secondRun == ExitCodes.Success && personPausedKept && operatorHeldKept && allOthersBack
            ? ExitCodes.Success
            : ExitCodes.Failed;
    }

    /// <summary>Azurite comes from the repository's npm lockfile: the one around the current folder, else the one this build came from.</summary>
    private static string RepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            try
            {
                return AzuriteServer.FindRepositoryRoot(start);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
        throw new SettingsException("The demo starts Azurite from the WeatherCampaign repository's package-lock.json: run it from a clone of the repository.");
    }

    private static Dictionary<string, DemoCampaignRow> Rows(DemoPlatform platform, SimulatorState state) =>
        platform.Read(state).ToDictionary(c => c.Id, StringComparer.Ordinal);

    private static void WriteTenant(DemoPlatform platform, SimulatorState state, IReadOnlyDictionary<string, DemoCampaignRow> before, TextWriter output)
    {
        output.WriteLine("The tenant now (simulator):");
        var personPaused = platform.IdOf(DemoTenant.PersonPaused);
        var console = TerminalConsole.Create(output, interactive: false);
        var table = TerminalConsole.Table(console, "CAMPAIGN", TerminalConsole.Id, "REGION", "STATUS", "NOTE");
        foreach (var campaign in platform.Read(state).OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase))
        {
            var was = before.GetValueOrDefault(campaign.Id)?.Status;
            var status = was is not null && was != campaign.Status ? $"{campaign.Status} (was {was})" : campaign.Status;
            table.AddRow(
                TerminalText.Cell(campaign.Name), TerminalText.Cell(campaign.Id), TerminalText.Cell(campaign.Region), TerminalText.Cell(status),
                TerminalText.Cell(campaign.Id == personPaused ? "paused by a person before the storm" : campaign.Note));
        }
        console.Write(table);
    }

    private static void Heading(TextWriter output, string title)
    {
        output.WriteLine();
        output.WriteLine("== " + title + " ==");
    }

    private static void Prompt(TextWriter output, string command) => output.WriteLine("$ weathercampaign " + command);

    /// <summary>A step of the demo must not fail silently; a failed step stops the demo with its exit code.</summary>
    private static void Check(int exitCode)
    {
        if (exitCode != ExitCodes.Success)
        {
            throw new DemoStepFailedException(exitCode);
        }
    }
}
