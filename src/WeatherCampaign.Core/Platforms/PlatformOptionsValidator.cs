using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Settings;

namespace WeatherCampaign.Core.Platforms;

/// <summary>Checks the <c>Platform</c> section at start-up: <c>Platform:Kind</c> names a platform the service can drive.</summary>
public sealed class PlatformOptionsValidator : IValidateOptions<PlatformOptions>
{
    public ValidateOptionsResult Validate(string? name, PlatformOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new SettingFailures();
        if (!PlatformOptions.Kinds.Contains(options.Kind, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{PlatformOptions.Section}:Kind", options.Kind, SettingMessage.OneOf(PlatformOptions.Kinds));
        }

        return failures.ToResult();
    }
}
