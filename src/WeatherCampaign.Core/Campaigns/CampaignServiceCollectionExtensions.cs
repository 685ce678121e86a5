using System.Net.Http.Headers;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Settings;

namespace WeatherCampaign.Core.Campaigns;

public static class CampaignServiceCollectionExtensions
{
    /// <summary>
    /// The customer's CXone campaign API (<c>Platform:Kind</c> <c>cxone-campaigns</c>): options (validated at start-up),
    /// credentials (Key Vault when <c>KeyVault:Uri</c> is set), the token provider and the platform's HTTP pipeline
    /// (<see cref="CampaignHttpPipeline"/>).
    /// </summary>
    public static IServiceCollection AddCxoneCampaigns(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSettings<CxoneOptions, CxoneOptionsValidator>(configuration, CxoneOptions.Section);
        services.AddSettings<KeyVaultOptions, KeyVaultOptionsValidator>(configuration, KeyVaultOptions.Section);

        services.AddCredentialSource<ICxoneCredentialSource, SettingsCredentialSource>(configuration, (client, sp) => new KeyVaultCredentialSource(client, sp.GetRequiredService<IOptions<KeyVaultOptions>>()));
        services.TryAddSingleton<CxoneTokenProvider>();
        services.TryAddSingleton<ICampaignTokenSource>(sp => sp.GetRequiredService<CxoneTokenProvider>());
        services.TryAddSingleton(sp => CampaignHttpPipeline.PacerFor(sp, PolicyOf(sp.GetRequiredService<IOptions<CxoneOptions>>().Value)));
        services.TryAddSingleton<ICampaignPlatform, CxoneCampaignClient>();

        services.AddHttpClient(CxoneCampaignClient.ClientName, (sp, client) =>
            {
                client.BaseAddress = sp.GetRequiredService<IOptions<CxoneOptions>>().Value.BaseUri;
                client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            })
            .AddCampaignPipeline(sp => PolicyOf(sp.GetRequiredService<IOptions<CxoneOptions>>().Value));
        return services;
    }

    private static CampaignHttpPolicy PolicyOf(CxoneOptions options) =>
        new(options.RequestsPerSecond, options.Burst, options.AttemptTimeout, options.TotalTimeout, options.MaxRetries, options.AdaptivePacing, options.MinimumRequestsPerSecond);
}
