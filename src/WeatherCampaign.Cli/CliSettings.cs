using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace WeatherCampaign.Cli;

/// <summary>Builds the configuration the way the Functions app sees it.</summary>
public static class CliSettings
{
    /// <summary>
    /// Environment variables (<c>__</c> for <c>:</c>), then the <c>Values</c> of <paramref name="settingsFile"/>, then
    /// <paramref name="overrides"/>; later sources win.
    /// </summary>
    public static IConfiguration Build(FileInfo? settingsFile, IConfiguration? overrides) => Build(settingsFile, overrides, environmentVariables: true);

    /// <summary>
    /// As <see cref="Build(FileInfo?, IConfiguration?)"/>; with <paramref name="environmentVariables"/> false the environment
    /// variables are not read, so only the file and <paramref name="overrides"/> count.
    /// </summary>
    public static IConfiguration Build(FileInfo? settingsFile, IConfiguration? overrides, bool environmentVariables)
    {
        var builder = new ConfigurationBuilder();
        if (environmentVariables)
        {
            builder.AddEnvironmentVariables();
        }

        if (settingsFile is not null)
        {
            builder.AddInMemoryCollection(ReadLocalSettings(settingsFile.FullName));
        }

        if (overrides is not null)
        {
            builder.AddConfiguration(overrides);
        }

        return builder.Build();
    }

    /// <summary>
    /// The <c>Values</c> object of a <c>local.settings.json</c>-shaped file as flat configuration keys
    /// (<c>Cxone__BaseUrl</c> and <c>Cxone:BaseUrl</c> both become <c>Cxone:BaseUrl</c>).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> ReadLocalSettings(string path)
    {
        if (!File.Exists(path))
        {
            throw new SettingsException($"The settings file '{path}' does not exist.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new SettingsException($"The settings file '{path}' is not valid JSON (line {ex.LineNumber + 1}): {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("Values", out var values)
                || values.ValueKind != JsonValueKind.Object)
            {
                throw new SettingsException($"The settings file '{path}' has no \"Values\" object (the local.settings.json shape: {{\"IsEncrypted\": false, \"Values\": {{ ... }}}}).");
            }

            var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in values.EnumerateObject())
            {
                var key = property.Name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
                settings[key] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.GetRawText(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.Null => null,
                    _ => throw new SettingsException($"The setting '{property.Name}' in '{path}' must be a string, number or boolean (local.settings.json values are flat)."),
                };
            }
            return settings;
        }
    }

    /// <summary>
    /// A moment given as an age (<c>90m</c>, <c>24h</c>, <c>7d</c>, <c>30s</c>) before <paramref name="now"/>, or as an ISO 8601 time
    /// (UTC unless it names an offset). Null with a reason when it is neither.
    /// </summary>
    public static DateTimeOffset? ParseSince(string text, DateTimeOffset now, out string? problem)
    {
        problem = null;
        var value = text.Trim();
        if (value.Length >= 2 && char.IsDigit(value[0]))
        {
            var unit = char.ToLowerInvariant(value[^1]);
            if (unit is 's' or 'm' or 'h' or 'd' && double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
            {
                var span = unit switch
                {
                    's' => TimeSpan.FromSeconds(amount),
                    'm' => TimeSpan.FromMinutes(amount),
                    'h' => TimeSpan.FromHours(amount),
                    _ => TimeSpan.FromDays(amount),
                };
                return now - span;
            }
        }
        if (TryParseTime(value, out var time))
        {
            return time;
        }

        problem = $"'{text}' is neither an age (30s, 90m, 24h, 7d) nor an ISO 8601 time (2025-01-15T12:00:00Z).";
        return null;
    }

    /// <summary>An ISO 8601 time; one without an offset is taken as UTC.</summary>
    public static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
