using Microsoft.Extensions.Configuration;

namespace WeatherCampaign.Cli;

/// <summary>Where a command writes and which settings the caller adds on top of the environment and the settings file.</summary>
/// <param name="Clock">The clock the service uses; null for the system clock (the demo brings its own).</param>
internal sealed record CliEnvironment(TextWriter Output, TextWriter Error, IConfiguration? Overrides, TimeProvider? Clock = null);
