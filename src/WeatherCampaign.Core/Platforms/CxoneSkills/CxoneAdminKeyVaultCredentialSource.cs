using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Campaigns;

namespace WeatherCampaign.Core.Platforms.CxoneSkills;

/// <summary>Credentials from Key Vault under the <c>CxoneAdmin:*SecretName</c> names, cached until the token endpoint refuses them.</summary>
public sealed class CxoneAdminKeyVaultCredentialSource(SecretClient secrets, IOptions<CxoneAdminOptions> options) : ICxoneAdminCredentialSource
{
    private readonly VaultCredentials<CxoneAdminCredentials> _vault = new(async cancellationToken => new CxoneAdminCredentials(
        await secrets.ReadValueAsync(options.Value.ClientIdSecretName, cancellationToken).ConfigureAwait(false),
        await secrets.ReadValueAsync(options.Value.ClientSecretSecretName, cancellationToken).ConfigureAwait(false),
        await secrets.ReadValueAsync(options.Value.AccessKeyIdSecretName, cancellationToken).ConfigureAwait(false),
        await secrets.ReadValueAsync(options.Value.AccessKeySecretSecretName, cancellationToken).ConfigureAwait(false)));

    public ValueTask<CxoneAdminCredentials> GetAsync(bool refresh, CancellationToken cancellationToken) => _vault.GetAsync(refresh, cancellationToken);
}
