using Azure.Security.KeyVault.Secrets;

namespace WeatherCampaign.Core.Campaigns;

public static class SecretClientExtensions
{
    /// <summary>The current value of the secret <paramref name="name"/>.</summary>
    public static async Task<string> ReadValueAsync(this SecretClient secrets, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        return (await secrets.GetSecretAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false)).Value.Value;
    }
}
