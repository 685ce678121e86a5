using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Campaigns;

namespace WeatherCampaign.Core.Platforms.GenesysCloud;

/// <summary>
/// Credentials from Key Vault (secret names <c>GenesysCloud:ClientIdSecretName</c> and <c>GenesysCloud:ClientSecretSecretName</c>),
/// cached until the token endpoint says they no longer work.
/// </summary>
public sealed class GenesysKeyVaultCredentialSource(SecretClient secrets, IOptions<GenesysCloudOptions> options) : IGenesysCredentialSource
{
    private readonly VaultCredentials<GenesysCredentials> _vault = new(async cancellationToken => new GenesysCredentials(
        await secrets.ReadValueAsync(options.Value.ClientIdSecretName, cancellationToken).ConfigureAwait(false),
        await secrets.ReadValueAsync(options.Value.ClientSecretSecretName, cancellationToken).ConfigureAwait(false)));

    public ValueTask<GenesysCredentials> GetAsync(bool refresh, CancellationToken cancellationToken) => _vault.GetAsync(refresh, cancellationToken);
}
