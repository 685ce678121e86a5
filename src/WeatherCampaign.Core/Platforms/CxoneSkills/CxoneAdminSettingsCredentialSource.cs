using Microsoft.Extensions.Options;

namespace WeatherCampaign.Core.Platforms.CxoneSkills;

/// <summary>Credentials from plain settings (<c>CxoneAdmin:ClientId</c> … <c>CxoneAdmin:AccessKeySecret</c>): local, test and simulator runs.</summary>
public sealed class CxoneAdminSettingsCredentialSource(IOptionsMonitor<CxoneAdminOptions> options) : ICxoneAdminCredentialSource
{
    public ValueTask<CxoneAdminCredentials> GetAsync(bool refresh, CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        if (string.IsNullOrEmpty(current.ClientId) || string.IsNullOrEmpty(current.ClientSecret)
            || string.IsNullOrEmpty(current.AccessKeyId) || string.IsNullOrEmpty(current.AccessKeySecret))
        {
            throw new InvalidOperationException("CxoneAdmin:ClientId, ClientSecret, AccessKeyId and AccessKeySecret must be set when KeyVault:Uri is not.");
        }

        return ValueTask.FromResult(new CxoneAdminCredentials(current.ClientId, current.ClientSecret, current.AccessKeyId, current.AccessKeySecret));
    }
}
