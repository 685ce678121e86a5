using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Settings;

namespace WeatherCampaign.Core.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// The notifier, its URLs (settings, or the vault with the app's identity) and its HTTP client: total timeout
    /// (<c>Notify:Timeout</c>) → retry (Retry-After, else exponential backoff) → 5 s per attempt. No redirect is followed and the
    /// client logs nothing: the factory's logger would write the URL, which is a secret.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<NotifyOptions, NotifyOptionsValidator>(configuration, NotifyOptions.Section);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<NotifyOptions>>().Value;
            var vault = sp.GetService<IOptions<KeyVaultOptions>>()?.Value;
            var secrets = options.Webhooks.Any(w => !string.IsNullOrWhiteSpace(w.UrlSecret)) && vault is { IsConfigured: true }
                ? new SecretClient(new Uri(vault.Uri!), AzureCredentials.For(configuration[AzureCredentials.ClientIdSetting]))
                : null;
            return new WebhookUrls(options, secrets);
        });
        services.TryAddSingleton<Notifier>();
        services.TryAddSingleton<PoisonDigest>();

        var http = services.AddHttpClient(Notifier.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .RemoveAllLoggers();
        http.AddResilienceHandler(Notifier.HttpClientName, (pipeline, context) =>
        {
            var settings = context.ServiceProvider.GetRequiredService<IOptions<NotifyOptions>>().Value;
            pipeline.AddTimeout(settings.Timeout);
            if (settings.MaxRetries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = settings.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromSeconds(1),
                    ShouldRetryAfterHeader = true,
                });
            }

            pipeline.AddTimeout(TimeSpan.FromSeconds(5));
        });
        return services;
    }
}
