using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Options;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>The OAuth client credentials for the tenant. <see cref="ToString"/> never shows the secret.</summary>
public sealed record CxoneCredentials(string ClientId, string ClientSecret)
{
    public override string ToString() => $"CxoneCredentials {{ ClientId = {ClientId}, ClientSecret = *** }}";
}

/// <summary>Where the credentials come from. <c>refresh: true</c> asks for a fresh read (after the token endpoint said 401: a rotated secret).</summary>
public interface ICxoneCredentialSource
{
    ValueTask<CxoneCredentials> GetAsync(bool refresh, CancellationToken cancellationToken);
}

/// <summary>Credentials from plain settings (<c>Cxone:ClientId</c>, <c>Cxone:ClientSecret</c>): local and emulator runs.</summary>
public sealed class SettingsCredentialSource(IOptionsMonitor<CxoneOptions> options) : ICxoneCredentialSource
{
    public ValueTask<CxoneCredentials> GetAsync(bool refresh, CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        if (string.IsNullOrEmpty(current.ClientId) || string.IsNullOrEmpty(current.ClientSecret))
            throw new InvalidOperationException("Cxone:ClientId and Cxone:ClientSecret must be set when KeyVault:Uri is not.");
        return ValueTask.FromResult(new CxoneCredentials(current.ClientId, current.ClientSecret));
    }
}

/// <summary>Credentials from Key Vault, cached until the token endpoint says they no longer work.</summary>
public sealed class KeyVaultCredentialSource(SecretClient secrets, IOptions<KeyVaultOptions> options) : ICxoneCredentialSource
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CxoneCredentials? _cached;

    public async ValueTask<CxoneCredentials> GetAsync(bool refresh, CancellationToken cancellationToken)
    {
        var seen = _cached;
        if (seen is not null && !refresh) return seen;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have re-read the vault while this one waited.
            if (_cached is not null && !ReferenceEquals(_cached, seen)) return _cached;
            var names = options.Value;
            var id = await secrets.GetSecretAsync(names.ClientIdSecretName, cancellationToken: cancellationToken).ConfigureAwait(false);
            var secret = await secrets.GetSecretAsync(names.ClientSecretSecretName, cancellationToken: cancellationToken).ConfigureAwait(false);
            _cached = new CxoneCredentials(id.Value.Value, secret.Value.Value);
            return _cached;
        }
        finally
        {
            _gate.Release();
        }
    }
}
