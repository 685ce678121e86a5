using System.CommandLine;
using System.Net.Sockets;
using Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using WeatherCampaign.Cli.Commands;

namespace WeatherCampaign.Cli;

/// <summary>
/// The operator's tool as a callable: <c>Program</c> runs it against the console, tests and the demo run it in-process with
/// their own output and settings. Settings are read like the Functions app reads them: environment variables
/// (<c>Cxone__BaseUrl</c>), then <c>--settings local.settings.json</c>, then the caller's overrides.
/// </summary>
public static class CliApp
{
    /// <summary>Runs one command; everything it prints, errors and logs included, goes to <paramref name="output"/>.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, IConfiguration? overrides, CancellationToken cancellationToken) =>
        RunAsync(args, output, output, overrides, cancellationToken);

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IConfiguration? overrides, CancellationToken cancellationToken) =>
        RunAsync(args, new CliEnvironment(output, error) { Overrides = overrides }, cancellationToken);

    /// <summary>
    /// Runs one command on the caller's writers, settings and clock (<see cref="CliEnvironment"/>), as the demo runs each
    /// of its steps: the same parsing, the same exit codes and messages as on the command line.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        // Progress lines and log lines come from several threads; one writer may serve as both.
        var sameWriter = ReferenceEquals(environment.Output, environment.Error);
        // Everything printed goes through one TerminalWriter, whatever its source: nothing from outside reaches the terminal raw.
        var output = TextWriter.Synchronized(new TerminalWriter(environment.Output));
        var error = sameWriter ? output : TextWriter.Synchronized(new TerminalWriter(environment.Error));
        // On a terminal Spectre writes its own escape sequences to the terminal itself, each outside value cleaned as a cell
        // (TerminalText); anywhere else it writes plain text through the same TerminalWriter as everything else.
        var console = TerminalConsole.Create(environment.Terminal ? environment.Output : output, environment.Terminal);
        var root = BuildCommand(environment with { Output = output, Error = error, Console = console });
        var invocation = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            // Program.cs owns Ctrl+C and SIGTERM; in-process callers own their token.
            ProcessTerminationTimeout = null,
        };
        try
        {
            var parsed = root.Parse(args);
            var exitCode = await parsed.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
            // System.CommandLine prints the parse errors and the help; the exit code says "usage" like every other usage error.
            return parsed.Errors.Count > 0 ? ExitCodes.InvalidUsage : exitCode;
        }
        finally
        {
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await error.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    internal static RootCommand BuildCommand(CliEnvironment environment)
    {
        var settings = new Option<FileInfo?>("--settings")
        {
            Description = "A local.settings.json-shaped file whose \"Values\" are read as settings (keys with ':' or '__'); it wins over environment variables.",
            HelpName = "FILE",
            Recursive = true,
        };
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Log what the service does (information level) to standard error.",
            Recursive = true,
        };
        var global = new GlobalOptions(settings, verbose);

        var root = new RootCommand(
            "WeatherCampaign: pauses outbound campaigns in areas under severe weather alerts and resumes them when the weather clears.\n" +
            "Reads the same settings as the Functions app: environment variables (Cxone__BaseUrl, Weather__Feeds__0__Url, AzureWebJobsStorage, ...) or --settings FILE.");
        root.Options.Add(settings);
        root.Options.Add(verbose);
        root.Subcommands.Add(PlanCommand.Create(environment, global));
        root.Subcommands.Add(RunCommand.Create(environment, global));
        root.Subcommands.Add(ServeCommand.Create(environment, global));
        root.Subcommands.Add(AuditCommand.Create(environment, global));
        root.Subcommands.Add(HoldsCommand.Create(environment, global));
        root.Subcommands.Add(ServiceSwitchCommands.Halt(environment, global));
        root.Subcommands.Add(ServiceSwitchCommands.Resume(environment, global));
        root.Subcommands.Add(ExplainCommand.Create(environment, global));
        root.Subcommands.Add(DashboardCommand.Create(environment, global));
        return root;
    }

    /// <summary>
    /// Runs a command body and turns the failures an operator can act on into one clear line and an exit code;
    /// anything unexpected is left to System.CommandLine's handler (stack trace, exit code 1).
    /// </summary>
    internal static async Task<int> GuardAsync(CliEnvironment environment, Func<Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await environment.Error.WriteLineAsync("Cancelled.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (OptionsValidationException ex)
        {
            return await InvalidSettingsAsync(environment, ex.Failures).ConfigureAwait(false);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            // The start-up validator reports every invalid section at once.
            return await InvalidSettingsAsync(environment, ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)).ConfigureAwait(false);
        }
        catch (SettingsException ex)
        {
            await environment.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.InvalidUsage;
        }
        catch (RequestFailedException ex)
        {
            await environment.Error.WriteLineAsync($"Storage failed ({ex.Status} {ex.ErrorCode}): {FirstLine(ex.Message)}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0 && ex.InnerExceptions.All(IsUnreachable))
        {
            await environment.Error.WriteLineAsync("Storage could not be reached: " + FirstLine(ex.InnerExceptions[0].Message)).ConfigureAwait(false);
            return ExitCodes.Failed;
        }
    }

    private static async Task<int> InvalidSettingsAsync(CliEnvironment environment, IEnumerable<string> failures)
    {
        await environment.Error.WriteLineAsync("The settings are not valid (environment variables, --settings FILE):").ConfigureAwait(false);
        foreach (var failure in failures.SelectMany(f => f.Split("; ", StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal))
        {
            await environment.Error.WriteLineAsync("  - " + failure).ConfigureAwait(false);
        }

        return ExitCodes.InvalidUsage;
    }

    /// <summary>
    /// How the storage SDK's attempts end when the account cannot be reached: its own failure or, for a connection reset the
    /// moment it opened, now and then the socket's error unwrapped (StorageFailureTests has seen both).
    /// </summary>
    private static bool IsUnreachable(Exception attempt) => attempt is RequestFailedException or HttpRequestException or IOException or SocketException;

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
