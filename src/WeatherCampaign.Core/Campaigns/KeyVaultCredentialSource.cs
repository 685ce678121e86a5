using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Options;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>The CXone campaign API's credentials from Key Vault (<c>KeyVault:*SecretName</c>), cached until the token endpoint says they no longer work.</summary>
public sealed class KeyVaultCredentialSource(SecretClient secrets, IOptions<KeyVaultOptions> options) : ICxoneCredentialSource
{
    private readonly VaultCredentials<CxoneCredentials> _vault = new(async cancellationToken => new CxoneCredentials(
        await secrets.ReadValueAsync(options.Value.ClientIdSecretName, cancellationToken).ConfigureAwait(false),
        await secrets.ReadValueAsync(options.Value.ClientSecretSecretName, cancellationToken).ConfigureAwait(false)));

    public ValueTask<CxoneCredentials> GetAsync(bool refresh, CancellationToken cancellationToken) => _vault.GetAsync(refresh, cancellationToken);
}
