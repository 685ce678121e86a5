using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Options;

namespace WeatherCampaign.Core.Platforms.CxoneSkills;

/// <summary>Credentials from Key Vault under the <c>CxoneAdmin:*SecretName</c> names, cached until the token endpoint refuses them.</summary>
public sealed class CxoneAdminKeyVaultCredentialSource(SecretClient secrets, IOptions<CxoneAdminOptions> options) : ICxoneAdminCredentialSource
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CxoneAdminCredentials? _cached;

    public async ValueTask<CxoneAdminCredentials> GetAsync(bool refresh, CancellationToken cancellationToken)
    {
        var seen = _cached;
        if (seen is not null && !refresh)
        {
            return seen;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have re-read the vault while this one waited.
            if (_cached is not null && !ReferenceEquals(_cached, seen))
            {
                return _cached;
            }

            var names = options.Value;
            _cached = new CxoneAdminCredentials(
                await ReadAsync(names.ClientIdSecretName, cancellationToken).ConfigureAwait(false),
                await ReadAsync(names.ClientSecretSecretName, cancellationToken).ConfigureAwait(false),
                await ReadAsync(names.AccessKeyIdSecretName, cancellationToken).ConfigureAwait(false),
                await ReadAsync(names.AccessKeySecretSecretName, cancellationToken).ConfigureAwait(false));
            return _cached;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string> ReadAsync(string name, CancellationToken cancellationToken) =>
        (await secrets.GetSecretAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false)).Value.Value;
}
