using System.Globalization;

namespace WeatherCampaign.Core.Settings;

/// <summary>
/// The one shape of an invalid-setting line: <c>Policy:MinimumSeverity 'Huge' is not one of Unknown, Minor, Moderate, Severe, Extreme.</c>
/// (the setting, the value given, the values allowed), or <c>Cxone:BaseUrl is not set: give an absolute http(s) URL …</c>.
/// </summary>
/// <remarks>Lines never contain "; ": the options failure message joins lines with it, and the CLI splits on it.</remarks>
public static class SettingMessage
{
    /// <summary>The line for <paramref name="setting"/> holding <paramref name="value"/>; <paramref name="allowed"/> reads after "is not" and after "give".</summary>
    public static string Invalid(string setting, object? value, string allowed) => Format(value) is { Length: > 0 } text
        ? $"{setting} '{text}' is not {allowed}."
        : $"{setting} is not set: give {allowed}.";

    /// <summary><c>one of A, B, C</c>, for an enumeration's names.</summary>
    public static string OneOf(IEnumerable<string> names) => "one of " + string.Join(", ", names);

    private static string? Format(object? value) => value switch
    {
        null => null,
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
