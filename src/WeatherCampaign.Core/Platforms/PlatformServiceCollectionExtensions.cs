using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Platforms.CxoneSkills;
using WeatherCampaign.Core.Platforms.GenesysCloud;
using WeatherCampaign.Core.Settings;

namespace WeatherCampaign.Core.Platforms;

public static class PlatformServiceCollectionExtensions
{
    /// <summary>
    /// The one <see cref="ICampaignPlatform"/> that <c>Platform:Kind</c> names, with its settings, credentials and HTTP pipeline.
    /// The planner, the ledger, the audit trail and the queue messages never know which. A kind that names no platform
    /// registers none, and start-up fails on <c>Platform:Kind</c> with the kinds allowed.
    /// </summary>
    public static IServiceCollection AddCampaignPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSettings<PlatformOptions, PlatformOptionsValidator>(configuration, PlatformOptions.Section);
        var kind = configuration[$"{PlatformOptions.Section}:{nameof(PlatformOptions.Kind)}"] ?? PlatformOptions.CxoneCampaigns;
        if (string.Equals(kind, PlatformOptions.CxoneCampaigns, StringComparison.OrdinalIgnoreCase))
        {
            services.AddCxoneCampaigns(configuration);
        }
        else if (string.Equals(kind, PlatformOptions.GenesysCloud, StringComparison.OrdinalIgnoreCase))
        {
            services.AddGenesysCloud(configuration);
        }
        else if (string.Equals(kind, PlatformOptions.CxoneSkills, StringComparison.OrdinalIgnoreCase))
        {
            services.AddCxoneSkills(configuration);
        }

        return services;
    }
}
