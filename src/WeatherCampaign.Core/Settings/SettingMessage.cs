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

    /// <summary>What a value of <paramref name="type"/> may be, for a value the binder could not convert.</summary>
    public static string Allowed(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        var allowed = (underlying ?? type) switch
        {
            { IsEnum: true } e => OneOf(Enum.GetNames(e)),
            var t when t == typeof(bool) => "true or false",
            var t when t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte)
                || t == typeof(uint) || t == typeof(ulong) || t == typeof(ushort) || t == typeof(sbyte) => "a whole number",
            var t when t == typeof(double) || t == typeof(float) || t == typeof(decimal) => "a number, such as 0.25",
            var t when t == typeof(TimeSpan) => "a time span ([d.]hh:mm:ss, such as 00:30:00)",
            var t when t == typeof(DateTimeOffset) || t == typeof(DateTime) => "a date and time, such as 2025-01-15T12:00:00Z",
            var t when t == typeof(Uri) => "a URL",
            var t => $"a {t.Name}",
        };
        return underlying is null ? allowed : allowed + ", or empty";
    }

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
