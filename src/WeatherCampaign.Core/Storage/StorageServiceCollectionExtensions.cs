using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WeatherCampaign.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The storage clients, the ledger and the audit trail.</summary>
    public static IServiceCollection AddWeatherCampaignStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(_ => StorageClients.FromConfiguration(configuration));
        services.TryAddSingleton(sp => new HoldLedger(sp.GetRequiredService<StorageClients>().Tables));
        services.TryAddSingleton(sp => new AuditTrail(sp.GetRequiredService<StorageClients>().Tables));
        return services;
    }
}
