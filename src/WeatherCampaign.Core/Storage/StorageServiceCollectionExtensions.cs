using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WeatherCampaign.Core.Telemetry;

namespace WeatherCampaign.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The storage clients, the ledger and the audit trail.</summary>
    public static IServiceCollection AddWeatherCampaignStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(_ => StorageClients.FromConfiguration(configuration));
        services.TryAddSingleton(sp => new HoldLedger(sp.GetRequiredService<StorageClients>().Tables));
        // The audit trail that also counts each row by outcome (weathercampaign.interventions).
        services.TryAddSingleton<AuditTrail>(sp => new MeteredAuditTrail(sp.GetRequiredService<StorageClients>().Tables, sp.GetRequiredService<WeatherCampaignMetrics>()));
        return services;
    }
}
