using Microsoft.Extensions.Options;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>Credentials from plain settings (<c>Cxone:ClientId</c>, <c>Cxone:ClientSecret</c>): local and emulator runs.</summary>
public sealed class SettingsCredentialSource(IOptionsMonitor<CxoneOptions> options) : ICxoneCredentialSource
{
    public ValueTask<CxoneCredentials> GetAsync(bool refresh, CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        if (string.IsNullOrEmpty(current.ClientId) || string.IsNullOrEmpty(current.ClientSecret))
        {
            throw new InvalidOperationException("Cxone:ClientId and Cxone:ClientSecret must be set when KeyVault:Uri is not.");
        }

        return ValueTask.FromResult(new CxoneCredentials(current.ClientId, current.ClientSecret));
    }
}
