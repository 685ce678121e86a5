using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Settings;

namespace WeatherCampaign.Core.Platforms.GenesysCloud;

/// <summary>Checks the <c>GenesysCloud</c> section at start-up; each failure is one line naming its setting (<c>GenesysCloud:PageSize</c>).</summary>
public sealed class GenesysCloudOptionsValidator(IOptions<KeyVaultOptions> vault) : IValidateOptions<GenesysCloudOptions>
{
    public ValidateOptionsResult Validate(string? name, GenesysCloudOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string section = GenesysCloudOptions.Section;
        var failures = new SettingFailures();

        var hasRegion = !string.IsNullOrWhiteSpace(options.Region);
        var hasUrls = !string.IsNullOrWhiteSpace(options.LoginUrl) || !string.IsNullOrWhiteSpace(options.ApiUrl);
        if (hasRegion && hasUrls)
        {
            failures.Add($"{section}:Region and {section}:LoginUrl/{section}:ApiUrl are both set: set the region, or both URLs, not both.");
        }
        else if (hasRegion)
        {
            var region = options.Region!.Trim().Trim('.');
            if (Uri.CheckHostName(region) != UriHostNameType.Dns || !region.Contains('.', StringComparison.Ordinal))
            {
                failures.Add($"{section}:Region", options.Region, "a Genesys Cloud region's domain, such as mypurecloud.com, usw2.pure.cloud or mypurecloud.ie");
            }
        }
        else
        {
            CheckUrl(failures, $"{section}:LoginUrl", options.LoginUrl, "https://login.mypurecloud.com");
            CheckUrl(failures, $"{section}:ApiUrl", options.ApiUrl, "https://api.mypurecloud.com");
        }

        failures.Range($"{section}:PageSize", options.PageSize, 1, 100);
        failures.Range($"{section}:RequestsPerSecond", options.RequestsPerSecond, 0.1, 10_000);
        failures.Range($"{section}:Burst", options.Burst, 1, 10_000);
        failures.Range($"{section}:MinimumRequestsPerSecond", options.MinimumRequestsPerSecond, 0.1, Math.Max(0.1, options.RequestsPerSecond));
        failures.Range($"{section}:ListingConcurrency", options.ListingConcurrency, 1, 64);
        failures.Range($"{section}:MaxRetries", options.MaxRetries, 0, 10);
        failures.Range($"{section}:MaxVersionConflicts", options.MaxVersionConflicts, 1, 10);
        failures.Range($"{section}:CachedCampaigns", options.CachedCampaigns, 0, 1_000_000);

        CampaignHttpSettings.Check(failures, section, options.AttemptTimeout, options.TotalTimeout, options.TokenRefreshBuffer);

        if (VaultConfigured())
        {
            if (string.IsNullOrWhiteSpace(options.ClientIdSecretName))
            {
                failures.Add($"{section}:ClientIdSecretName", null, "the name of the vault secret holding the Genesys Cloud client id, such as genesys-client-id");
            }

            if (string.IsNullOrWhiteSpace(options.ClientSecretSecretName))
            {
                failures.Add($"{section}:ClientSecretSecretName", null, "the name of the vault secret holding the Genesys Cloud client secret, such as genesys-client-secret");
            }
        }
        else if (string.IsNullOrEmpty(options.ClientId) || string.IsNullOrEmpty(options.ClientSecret))
        {
            failures.Add($"{section}:ClientId and {section}:ClientSecret must be set when KeyVault:Uri is not.");
        }

        return failures.ToResult();
    }

    // https only; http is for a loopback simulator. No query or fragment: paths are appended to it.
    private static void CheckUrl(SettingFailures failures, string setting, string? value, string example)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            failures.Add(setting, value, $"an absolute https URL without a query or fragment, such as {example} (http only on a loopback address), or set {GenesysCloudOptions.Section}:Region instead");
        }
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
