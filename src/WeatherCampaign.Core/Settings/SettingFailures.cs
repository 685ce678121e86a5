using Microsoft.Extensions.Options;

namespace WeatherCampaign.Core.Settings;

/// <summary>The lines a section's validator collects, one per invalid setting, each in the shape of <see cref="SettingMessage"/>.</summary>
public sealed class SettingFailures
{
    private readonly List<string> _lines = [];

    /// <summary>A line that is not "value against allowed values" (two settings that contradict each other).</summary>
    public void Add(string line) => _lines.Add(line);

    public void Add(string setting, object? value, string allowed) => _lines.Add(SettingMessage.Invalid(setting, value, allowed));

    public void Range(string setting, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            Add(setting, value, $"a whole number from {min} to {max}");
        }
    }

    public void Range(string setting, double value, double min, double max)
    {
        // Written so that NaN is refused too.
        if (!(value >= min && value <= max))
        {
            Add(setting, value, FormattableString.Invariant($"a number from {min} to {max}"));
        }
    }

    public void Range(string setting, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            Add(setting, value, FormattableString.Invariant($"a time span from {min:c} to {max:c}"));
        }
    }

    /// <summary>Refuses a number cast to the enumeration that names none of its values (<c>Policy:Mode=7</c>).</summary>
    public void Defined<TEnum>(string setting, TEnum value) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            Add(setting, value, SettingMessage.OneOf(Enum.GetNames<TEnum>()));
        }
    }

    public ValidateOptionsResult ToResult() => _lines.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_lines.Distinct(StringComparer.Ordinal));
}
