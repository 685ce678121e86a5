using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Settings;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>Checks the <c>Cxone</c> section at start-up; each failure is one line naming its setting (<c>Cxone:PageSize</c>).</summary>
public sealed class CxoneOptionsValidator(IOptions<KeyVaultOptions> vault) : IValidateOptions<CxoneOptions>
{
    public ValidateOptionsResult Validate(string? name, CxoneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string section = CxoneOptions.Section;
        var failures = new SettingFailures();

        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            failures.Add($"{section}:BaseUrl", options.BaseUrl, "an absolute http(s) URL without a query or fragment, such as https://acme.niceincontact.com");
        }
        else if (!TransportRule.Permits(uri))
        {
            failures.Add($"{section}:BaseUrl", options.BaseUrl, TransportRule.Allowed);
        }

        failures.Range($"{section}:PageSize", options.PageSize, 1, 500);
        failures.Range($"{section}:RequestsPerSecond", options.RequestsPerSecond, 0.1, 10_000);
        failures.Range($"{section}:Burst", options.Burst, 1, 10_000);
        failures.Range($"{section}:MinimumRequestsPerSecond", options.MinimumRequestsPerSecond, 0.1, Math.Max(0.1, options.RequestsPerSecond));
        failures.Range($"{section}:ListingConcurrency", options.ListingConcurrency, 1, 64);
        failures.Range($"{section}:MaxRetries", options.MaxRetries, 0, 10);

        CampaignHttpSettings.Check(failures, section, options.AttemptTimeout, options.TotalTimeout, options.TokenRefreshBuffer);

        if (!VaultConfigured() && (string.IsNullOrEmpty(options.ClientId) || string.IsNullOrEmpty(options.ClientSecret)))
        {
            failures.Add($"{section}:ClientId and {section}:ClientSecret must be set when KeyVault:Uri is not.");
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
}
