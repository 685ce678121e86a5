using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Settings;

namespace WeatherCampaign.Core.Alerts;

/// <summary>Checks the <c>Weather:OpenFema</c> section at start-up; each failure is one line naming its setting.</summary>
public sealed class OpenFemaOptionsValidator : IValidateOptions<OpenFemaOptions>
{
    /// <summary>OpenFEMA's own ceiling for <c>$top</c>.</summary>
    public const int MaxPageSize = 10_000;

    public ValidateOptionsResult Validate(string? name, OpenFemaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string section = OpenFemaOptions.Section;
        var failures = new SettingFailures();
        failures.Range($"{section}:PageSize", options.PageSize, 1, MaxPageSize);
        failures.Range($"{section}:FullReadEvery", options.FullReadEvery, TimeSpan.FromMinutes(5), TimeSpan.FromDays(7));
        failures.Range($"{section}:DeclaredWithin", options.DeclaredWithin, TimeSpan.FromDays(1), TimeSpan.FromDays(36_500));
        return failures.ToResult();
    }
}
