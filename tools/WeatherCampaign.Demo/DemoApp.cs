using System.CommandLine;
using WeatherCampaign.Cli;

namespace WeatherCampaign.Demo;

/// <summary>The demo as a callable: <c>Program</c> runs it against the console, tests run it in-process with their own output.</summary>
public static class DemoApp
{
    /// <summary>Runs the demo; everything it prints, errors and logs included, goes to <paramref name="output"/>.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken) =>
        RunAsync(args, output, output, cancellationToken);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        // Progress lines and log lines come from several threads; one writer may serve as both.
        var sameWriter = ReferenceEquals(output, error);
        output = TextWriter.Synchronized(output);
        error = sameWriter ? output : TextWriter.Synchronized(error);
        var invocation = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            // Program.cs owns Ctrl+C and SIGTERM; in-process callers own their token.
            ProcessTerminationTimeout = null,
        };
        try
        {
            var parsed = DemoCommand.Create(output, error).Parse(args);
            var exitCode = await parsed.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
            // Parse errors and the help are printed by System.CommandLine; the exit code says "usage", as the tool's does.
            return parsed.Errors.Count > 0 ? ExitCodes.InvalidUsage : exitCode;
        }
        finally
        {
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await error.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
