using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Settings;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>Checks the <c>KeyVault</c> section at start-up; each failure is one line naming its setting (<c>KeyVault:Uri</c>).</summary>
public sealed class KeyVaultOptionsValidator : IValidateOptions<KeyVaultOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyVaultOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string section = KeyVaultOptions.Section;
        var failures = new SettingFailures();

        if (options.IsConfigured && (!Uri.TryCreate(options.Uri, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{section}:Uri", options.Uri, "an absolute https URL, such as https://acme-vault.vault.azure.net/ (or empty: the credentials then come from Cxone:ClientId and Cxone:ClientSecret)");
        }

        if (string.IsNullOrWhiteSpace(options.ClientIdSecretName))
        {
            failures.Add($"{section}:ClientIdSecretName", null, "the name of the vault secret holding the CXone client id, such as cxone-client-id");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecretSecretName))
        {
            failures.Add($"{section}:ClientSecretSecretName", null, "the name of the vault secret holding the CXone client secret, such as cxone-client-secret");
        }

        return failures.ToResult();
    }
}
