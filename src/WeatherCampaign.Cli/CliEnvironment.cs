using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace WeatherCampaign.Cli;

/// <summary>
/// What an in-process caller hands <see cref="CliApp.RunAsync(string[], CliEnvironment, CancellationToken)"/>: where the
/// command writes, which settings it adds, and which clock the service reads. <c>Program</c> runs the tool on the console;
/// tests and the demo (<c>tools/WeatherCampaign.Demo</c>) run it on their own writers, settings and clock.
/// </summary>
/// <param name="Output">Everything the command prints.</param>
/// <param name="Error">Errors and log lines; may be the same writer as <paramref name="Output"/>.</param>
public sealed record CliEnvironment(TextWriter Output, TextWriter Error)
{
    /// <summary>Settings on top of the environment variables and <c>--settings FILE</c>; they win over both.</summary>
    public IConfiguration? Overrides { get; init; }

    /// <summary>
    /// False to leave the process's environment variables out, so the command reads only <c>--settings FILE</c> and
    /// <see cref="Overrides"/>: the demo runs on its built-in settings whatever the shell exports.
    /// </summary>
    public bool ReadEnvironmentVariables { get; init; } = true;

    /// <summary>The clock the service reads; null for the system clock. The demo brings one it moves forward.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>
    /// True when <see cref="Output"/> is a terminal a person watches (<see cref="TerminalConsole.IsInteractive"/>): colour, and live
    /// displays for <c>run</c> and <c>serve</c>. <c>Program</c> decides; every other caller gets plain text.
    /// </summary>
    public bool Terminal { get; init; }

    /// <summary>Where the tables and live displays go (<see cref="TerminalConsole"/>); <see cref="CliApp"/> sets it, else a plain console over <see cref="Output"/>.</summary>
    internal IAnsiConsole Console
    {
        get => field ??= TerminalConsole.Create(Output, interactive: false);
        init;
    }

    /// <summary>The settings a command runs on: the environment (unless left out), then <paramref name="settingsFile"/>, then <see cref="Overrides"/>.</summary>
    internal IConfiguration Settings(FileInfo? settingsFile) => CliSettings.Build(settingsFile, Overrides, ReadEnvironmentVariables);
}
