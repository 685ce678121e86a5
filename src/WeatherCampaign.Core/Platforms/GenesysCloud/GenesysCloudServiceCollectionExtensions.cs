using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Settings;

namespace WeatherCampaign.Core.Platforms.GenesysCloud;

public static class GenesysCloudServiceCollectionExtensions
{
    /// <summary>
    /// Genesys Cloud outbound campaigns (<c>Platform:Kind</c> <c>genesys-cloud</c>): options (validated at start-up),
    /// credentials (Key Vault when <c>KeyVault:Uri</c> is set), the token provider, the listed bodies a change PUTs from, and
    /// the platform's HTTP pipeline (<see cref="CampaignHttpPipeline"/>) at Genesys's published pace.
    /// </summary>
    public static IServiceCollection AddGenesysCloud(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSettings<GenesysCloudOptions, GenesysCloudOptionsValidator>(configuration, GenesysCloudOptions.Section);
        services.AddSettings<KeyVaultOptions, KeyVaultOptionsValidator>(configuration, KeyVaultOptions.Section);

        services.AddCredentialSource<IGenesysCredentialSource, GenesysSettingsCredentialSource>(configuration, (client, sp) => new GenesysKeyVaultCredentialSource(client, sp.GetRequiredService<IOptions<GenesysCloudOptions>>()));
        services.TryAddSingleton<GenesysTokenProvider>();
        services.TryAddSingleton<ICampaignTokenSource>(sp => sp.GetRequiredService<GenesysTokenProvider>());
        services.TryAddSingleton(sp => CampaignHttpPipeline.PacerFor(sp, PolicyOf(sp.GetRequiredService<IOptions<GenesysCloudOptions>>().Value)));
        services.TryAddSingleton(sp => new GenesysCampaignBodies(sp.GetRequiredService<IOptions<GenesysCloudOptions>>().Value.CachedCampaigns));
        services.TryAddSingleton<ICampaignPlatform, GenesysCloudClient>();
        services.TryAddTransient<GenesysRateLimitHeaders>();

        services.AddHttpClient(GenesysCloudClient.ClientName, client => client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json")))
            .AddCampaignPipeline(sp => PolicyOf(sp.GetRequiredService<IOptions<GenesysCloudOptions>>().Value))
            // Inside the retry strategy, so a 429's inin-ratelimit-reset is read as its Retry-After.
            .AddHttpMessageHandler<GenesysRateLimitHeaders>();
        return services;
    }

    private static CampaignHttpPolicy PolicyOf(GenesysCloudOptions options) =>
        new(options.RequestsPerSecond, options.Burst, options.AttemptTimeout, options.TotalTimeout, options.MaxRetries, options.AdaptivePacing, options.MinimumRequestsPerSecond);
}
