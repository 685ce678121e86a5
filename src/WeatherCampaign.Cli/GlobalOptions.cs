using System.CommandLine;

namespace WeatherCampaign.Cli;

/// <summary>The options every command accepts.</summary>
internal sealed record GlobalOptions(Option<FileInfo?> Settings, Option<bool> Verbose);
