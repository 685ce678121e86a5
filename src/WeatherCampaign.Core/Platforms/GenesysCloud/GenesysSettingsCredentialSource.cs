using Microsoft.Extensions.Options;

namespace WeatherCampaign.Core.Platforms.GenesysCloud;

/// <summary>Credentials from plain settings (<c>GenesysCloud:ClientId</c>, <c>GenesysCloud:ClientSecret</c>): local and simulator runs.</summary>
public sealed class GenesysSettingsCredentialSource(IOptionsMonitor<GenesysCloudOptions> options) : IGenesysCredentialSource
{
    public ValueTask<GenesysCredentials> GetAsync(bool refresh, CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        if (string.IsNullOrEmpty(current.ClientId) || string.IsNullOrEmpty(current.ClientSecret))
        {
            throw new InvalidOperationException("GenesysCloud:ClientId and GenesysCloud:ClientSecret must be set when KeyVault:Uri is not.");
        }

        return ValueTask.FromResult(new GenesysCredentials(current.ClientId, current.ClientSecret));
    }
}
