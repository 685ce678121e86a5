using Microsoft.Extensions.Configuration;

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

    /// <summary>The settings a command runs on: the environment (unless left out), then <paramref name="settingsFile"/>, then <see cref="Overrides"/>.</summary>
    internal IConfiguration Settings(FileInfo? settingsFile) => CliSettings.Build(settingsFile, Overrides, ReadEnvironmentVariables);
}
