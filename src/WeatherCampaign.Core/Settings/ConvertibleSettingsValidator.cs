using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace WeatherCampaign.Core.Settings;

/// <summary>Fails for each value of the section that cannot become its property's type, naming the setting, the value and what is allowed.</summary>
internal sealed class ConvertibleSettingsValidator<TOptions>(IConfigurationSection section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = SettingValues.Unconvertible(section, options.GetType())
            .Select(u => SettingMessage.Invalid(u.Path, u.Value, SettingMessage.Allowed(u.Type)))
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
