namespace WeatherCampaign.Cli;

/// <summary>A settings problem the operator can fix (a missing file, a malformed <c>local.settings.json</c>, a bad value).</summary>
public sealed class SettingsException(string message) : Exception(message);
