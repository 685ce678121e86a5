using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Settings;

namespace WeatherCampaign.Core.Campaigns;

public static class CredentialSourceRegistration
{
    /// <summary>
    /// A platform's credential source: its plain settings for local runs, or, when <c>KeyVault:Uri</c> is set, the vault read
    /// with the app's own managed identity (<see cref="AzureCredentials"/>).
    /// </summary>
    public static IServiceCollection AddCredentialSource<TSource, TSettingsSource>(
        this IServiceCollection services, IConfiguration configuration, Func<SecretClient, IServiceProvider, TSource> fromVault)
        where TSource : class
        where TSettingsSource : class, TSource
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(fromVault);
        services.TryAddSingleton(sp =>
        {
            var vault = sp.GetRequiredService<IOptions<KeyVaultOptions>>().Value;
            if (!vault.IsConfigured)
            {
                return (TSource)ActivatorUtilities.CreateInstance<TSettingsSource>(sp);
            }

            return fromVault(new SecretClient(new Uri(vault.Uri!), AzureCredentials.For(configuration[AzureCredentials.ClientIdSetting])), sp);
        });
        return services;
    }
}
