namespace WeatherCampaign.Demo;

/// <summary>A step of the demo ended with a non-zero exit code; the demo stops and exits with that code.</summary>
internal sealed class DemoStepFailedException(int exitCode) : Exception($"A demo step failed with exit code {exitCode}.")
{
    public int ExitCode { get; } = exitCode;
}
