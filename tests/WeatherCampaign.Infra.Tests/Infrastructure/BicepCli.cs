using System.Diagnostics;
using System.Text.RegularExpressions;

namespace WeatherCampaign.Infra.Tests.Infrastructure;

/// <summary>One invocation of the Bicep CLI and everything it printed.</summary>
internal sealed partial record BicepRun(string Command, string InputFile, int ExitCode, string Output)
{
    /// <summary>Every line that reports a warning or an error (for example <c>main.bicep(3,7) : Warning no-unused-params: …</c>).</summary>
    public IReadOnlyList<string> Diagnostics =>
        Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => DiagnosticLine().IsMatch(line))
            .ToList();

    public bool IsClean => ExitCode == 0 && Diagnostics.Count == 0;

    public override string ToString() =>
        $"bicep {Command} {Path.GetRelativePath(Repository.Root, InputFile)} exited {ExitCode}:{Environment.NewLine}{Output}";

    [GeneratedRegex(@"\b(warning|error)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DiagnosticLine();
}

/// <summary>The Bicep CLI binary that NuGet restore unpacked from Azure.Bicep.CommandLine.linux-x64.</summary>
internal static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static string Executable { get; } = Locate();

    public static BicepRun Run(string command, string inputFile, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(inputFile);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Executable}.");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {command} {inputFile} ran longer than {Timeout}.");
        }

        return new BicepRun(command, inputFile, process.ExitCode, standardOutput.Result + standardError.Result);
    }

    private static string Locate()
    {
        var path = Repository.BuildMetadata("BicepPath")
            ?? throw new InvalidOperationException("The test assembly carries no BicepPath: was the package restored?");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("The Bicep CLI is missing: run dotnet restore.", path);
        }

        // NuGet keeps the package's file modes on most systems; make sure the binary can run where it does not.
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if (!mode.HasFlag(UnixFileMode.UserExecute))
            {
                File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
            }
        }

        return path;
    }
}
