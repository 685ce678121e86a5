using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace WeatherCampaign.Core.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The service's metrics; always registered (a meter nobody listens to costs nothing), exported only when OpenTelemetry is on.</summary>
    /// <param name="pace">Reads the campaign pacer's current rate (the one seam between the pacer and the gauge).</param>
    public static IServiceCollection AddWeatherCampaignMetrics(this IServiceCollection services, Func<IServiceProvider, double?> pace)
    {
        services.AddMetrics();
        services.TryAddSingleton(sp => new WeatherCampaignMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), () => pace(sp)));
        services.TryAddTransient<ThrottleCountingHandler>();
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
