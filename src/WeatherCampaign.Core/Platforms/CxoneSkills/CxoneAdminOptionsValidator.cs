using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Settings;

namespace WeatherCampaign.Core.Platforms.CxoneSkills;

/// <summary>Checks the <c>CxoneAdmin</c> section at start-up; each failure is one line naming its setting.</summary>
public sealed partial class CxoneAdminOptionsValidator(IOptions<KeyVaultOptions> vault) : IValidateOptions<CxoneAdminOptions>
{
    public ValidateOptionsResult Validate(string? name, CxoneAdminOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string section = CxoneAdminOptions.Section;
        var failures = new SettingFailures();

        // https only; http only on a loopback host (README.md, "Settings": Transport).
        if (!Uri.TryCreate(options.AuthUrl, UriKind.Absolute, out var auth) || !string.IsNullOrEmpty(auth.Query) || !string.IsNullOrEmpty(auth.Fragment)
            || !string.IsNullOrEmpty(auth.UserInfo) || !(auth.Scheme == Uri.UriSchemeHttps || (auth.Scheme == Uri.UriSchemeHttp && auth.IsLoopback)))
        {
            failures.Add($"{section}:AuthUrl", options.AuthUrl, "an absolute https URL without a query, such as https://cxone.niceincontact.com (http only on a loopback host)");
        }

        if (!ApiVersionForm().IsMatch(options.ApiVersion ?? ""))
        {
            failures.Add($"{section}:ApiVersion", options.ApiVersion, "a version such as v30.0");
        }

        failures.Range($"{section}:PageSize", options.PageSize, 1, 100);
        failures.Range($"{section}:RequestsPerSecond", options.RequestsPerSecond, 0.1, 1_000);
        failures.Range($"{section}:Burst", options.Burst, 1, 1_000);
        failures.Range($"{section}:MinimumRequestsPerSecond", options.MinimumRequestsPerSecond, 0.1, Math.Max(0.1, options.RequestsPerSecond));
        failures.Range($"{section}:MaxRetries", options.MaxRetries, 0, 10);
        CampaignHttpSettings.Check(failures, section, options.AttemptTimeout, options.TotalTimeout, options.TokenRefreshBuffer);

        if (VaultConfigured())
        {
            foreach (var (setting, value) in new[]
            {
                (nameof(options.ClientIdSecretName), options.ClientIdSecretName),
                (nameof(options.ClientSecretSecretName), options.ClientSecretSecretName),
                (nameof(options.AccessKeyIdSecretName), options.AccessKeyIdSecretName),
                (nameof(options.AccessKeySecretSecretName), options.AccessKeySecretSecretName),
            })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    failures.Add($"{section}:{setting}", null, "the name of a vault secret, such as cxone-admin-access-key-secret");
                }
            }
        }
        else if (string.IsNullOrEmpty(options.ClientId) || string.IsNullOrEmpty(options.ClientSecret)
            || string.IsNullOrEmpty(options.AccessKeyId) || string.IsNullOrEmpty(options.AccessKeySecret))
        {
            failures.Add($"{section}:ClientId, {section}:ClientSecret, {section}:AccessKeyId and {section}:AccessKeySecret must be set when KeyVault:Uri is not.");
        }

        return failures.ToResult();
    }

    // An invalid KeyVault section fails start-up with its own lines; these settings' lines are still reported beside them.
    private bool VaultConfigured()
    {
        try
        {
            return vault.Value.IsConfigured;
        }
        catch (OptionsValidationException)
        {
            return true;
        }
    }

    [GeneratedRegex(@"^v\d{1,3}\.\d{1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiVersionForm();
}
