using System.Globalization;

namespace WeatherCampaign.Core.Alerts;

/// <summary>CAP's enumerated values and times as every format spells them; unknown words become <c>Unknown</c>.</summary>
internal static class CapValues
{
    public static AlertSeverity Severity(string? value) => Parse(value, AlertSeverity.Unknown);

    public static AlertUrgency Urgency(string? value) => Parse(value, AlertUrgency.Unknown);

    public static AlertCertainty Certainty(string? value) =>
        // CAP 1.0 spelled "Very Likely"; later versions fold it into Likely.
        string.Equals(value?.Trim(), "Very Likely", StringComparison.OrdinalIgnoreCase) ? AlertCertainty.Likely : Parse(value, AlertCertainty.Unknown);

    public static AlertStatus Status(string? value) => Parse(value, AlertStatus.Unknown);

    public static AlertMessageType MessageType(string? value) => Parse(value, AlertMessageType.Unknown);

    /// <summary>An ISO 8601 time with offset (<c>2024-07-18T12:47:00-07:00</c>, <c>…Z</c>); null for blank; false when unreadable.</summary>
    public static bool TryParseTime(string? value, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            time = parsed;
            return true;
        }

        return false;
    }

    private static T Parse<T>(string? value, T unknown)
        where T : struct, Enum
    {
        var trimmed = value?.Trim();
        // Enum.TryParse would also accept "3" or "Minor, Severe".
        if (string.IsNullOrEmpty(trimmed) || !trimmed.All(char.IsAsciiLetter))
        {
            return unknown;
        }

        return Enum.TryParse<T>(trimmed, ignoreCase: true, out var parsed) ? parsed : unknown;
    }
}
