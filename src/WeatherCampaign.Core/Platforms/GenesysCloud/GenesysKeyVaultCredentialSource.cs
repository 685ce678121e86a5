using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Options;

namespace WeatherCampaign.Core.Platforms.GenesysCloud;

/// <summary>
/// Credentials from Key Vault (secret names <c>GenesysCloud:ClientIdSecretName</c> and <c>GenesysCloud:ClientSecretSecretName</c>),
/// cached until the token endpoint says they no longer work.
/// </summary>
public sealed class GenesysKeyVaultCredentialSource(SecretClient secrets, IOptions<GenesysCloudOptions> options) : IGenesysCredentialSource
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private GenesysCredentials? _cached;

    public async ValueTask<GenesysCredentials> GetAsync(bool refresh, CancellationToken cancellationToken)
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
            var id = await secrets.GetSecretAsync(names.ClientIdSecretName, cancellationToken: cancellationToken).ConfigureAwait(false);
            var secret = await secrets.GetSecretAsync(names.ClientSecretSecretName, cancellationToken: cancellationToken).ConfigureAwait(false);
            _cached = new GenesysCredentials(id.Value.Value, secret.Value.Value);
            return _cached;
        }
        finally
        {
            _gate.Release();
        }
    }
}
