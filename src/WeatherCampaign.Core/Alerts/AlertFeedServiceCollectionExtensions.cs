using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Settings;

namespace WeatherCampaign.Core.Alerts;

public static class AlertFeedServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the <c>Weather</c> section (at start-up), registers the feed parsers, the <c>weather</c>
    /// HttpClient (decompression, a small standard resilience pipeline bounded by <c>Weather:Timeout</c>), the
    /// <c>Weather:OpenFema</c> section with its paged reader, and
    /// <see cref="IAlertSource"/> → <see cref="AlertFeedReader"/>.
    /// </summary>
    public static IServiceCollection AddAlertFeeds(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSettings<WeatherOptions, WeatherOptionsValidator>(configuration, WeatherOptions.Section);

        // Order matters for auto-detection only where media types are generic; the sniffers are mutually exclusive.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertFormatParser, NwsGeoJsonAlertParser>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertFormatParser, SimpleJsonAlertParser>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertFormatParser, CapXmlAlertParser>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertFormatParser, AtomCapAlertParser>());

        services.AddHttpClient(AlertFeedReader.HttpClientName, (provider, client) =>
            {
                // The reader bounds each feed by Weather:Timeout itself (body included); this is only a backstop.
                client.Timeout = provider.GetRequiredService<IOptions<WeatherOptions>>().Value.Timeout + TimeSpan.FromSeconds(5);
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All, AllowAutoRedirect = false })
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider provider) =>
            {
                var timeout = provider.GetRequiredService<IOptions<WeatherOptions>>().Value.Timeout;
                // One retry (honouring Retry-After) inside the feed's own time budget; the next poll is the real retry.
                resilience.Retry.MaxRetryAttempts = 1;
                resilience.TotalRequestTimeout.Timeout = timeout;
                resilience.AttemptTimeout.Timeout = timeout / 2;
                resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, timeout.Ticks));
            });

        services.AddSettings<OpenFemaOptions, OpenFemaOptionsValidator>(configuration, OpenFemaOptions.Section);
        services.TryAddSingleton<OpenFemaFeedReader>();
        // One per process: it holds the linked documents' cache across cycles.
        services.TryAddSingleton<LinkedDocumentReader>();
        services.TryAddSingleton<AlertFeedReader>();
        services.TryAddSingleton<IAlertSource>(provider => provider.GetRequiredService<AlertFeedReader>());
        return services;
    }
}
