using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Trace;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Core.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The service's metrics; always registered (a meter nobody listens to costs nothing), exported only when OpenTelemetry is on.</summary>
    public static IServiceCollection AddWeatherCampaignMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(sp => new WeatherCampaignMetrics(
            sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            () => sp.GetService<CampaignRequestPacer>()?.CurrentRequestsPerSecond));
        services.TryAddTransient<ThrottleCountingHandler>();
        // Before the storage registration's own (TryAdd): the audit trail that also counts its rows.
        services.TryAddSingleton<AuditTrail>(sp => new MeteredAuditTrail(sp.GetRequiredService<StorageClients>().Tables, sp.GetRequiredService<WeatherCampaignMetrics>()));
        return services;
    }

    /// <summary>
    /// What the service traces and measures, for whichever exporter the host adds (Azure Monitor in Azure, in-memory in tests):
    /// its own spans and meter, the HTTP client's spans and metrics (campaign API, feeds, webhooks, with webhook URLs redacted) and
    /// the Azure SDK's spans (tables, queues, Key Vault), which need <see cref="WeatherCampaignTelemetry.AzureSdkActivitySwitch"/>.
    /// </summary>
    public static IOpenTelemetryBuilder WithWeatherCampaignTelemetry(this IOpenTelemetryBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AppContext.SetSwitch(WeatherCampaignTelemetry.AzureSdkActivitySwitch, true);
        return builder
            .WithTracing(tracing => tracing.AddSource([.. WeatherCampaignTelemetry.TraceSources]).AddProcessor(new WebhookUrlRedaction()))
            .WithMetrics(metrics => metrics.AddMeter([.. WeatherCampaignTelemetry.Meters]));
    }
}
