using System.Net;
using System.Net.Http.Headers;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
using WeatherCampaign.Core.Settings;

namespace WeatherCampaign.Core.Campaigns;

public static class CampaignServiceCollectionExtensions
{
    /// <summary>
    /// The campaign platform: options (validated at start-up), credentials (Key Vault when <c>KeyVault:Uri</c> is set),
    /// the token provider, and the one HTTP pipeline every campaign API call goes through:
    /// total timeout → retry (Retry-After, else exponential backoff with jitter) → circuit breaker → pacing → attempt timeout → bearer token.
    /// </summary>
    public static IServiceCollection AddCampaignPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSettings<CxoneOptions, CxoneOptionsValidator>(configuration, CxoneOptions.Section);
        services.AddSettings<KeyVaultOptions, KeyVaultOptionsValidator>(configuration, KeyVaultOptions.Section);

        services.TryAddSingleton<ICxoneCredentialSource>(sp =>
        {
            var vault = sp.GetRequiredService<IOptions<KeyVaultOptions>>();
            if (!vault.Value.IsConfigured)
            {
                return ActivatorUtilities.CreateInstance<SettingsCredentialSource>(sp);
            }

            var client = new SecretClient(new Uri(vault.Value.Uri!), new DefaultAzureCredential());
            return new KeyVaultCredentialSource(client, vault);
        });
        services.TryAddSingleton<CxoneTokenProvider>();
        services.TryAddSingleton<CampaignRequestPacer>();
        services.TryAddTransient<CxoneAuthenticationHandler>();
        services.TryAddSingleton<ICampaignPlatform, CxoneCampaignClient>();

        var http = services.AddHttpClient(CxoneHttp.ClientName, (sp, client) =>
            {
                client.BaseAddress = sp.GetRequiredService<IOptions<CxoneOptions>>().Value.BaseUri;
                client.Timeout = Timeout.InfiniteTimeSpan; // the pipeline's timeouts govern
                client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("WeatherCampaign", "1.0"));
            });
        http.AddResilienceHandler("cxone", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<CxoneOptions>>().Value;
                var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
                var pacer = context.ServiceProvider.GetRequiredService<CampaignRequestPacer>();
                pipeline.AddTimeout(options.TotalTimeout);
                // Polly refuses a retry strategy with no attempts, so Cxone:MaxRetries = 0 (allowed) leaves the strategy out.
                if (options.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = TimeSpan.FromMilliseconds(500),
                        MaxDelay = TimeSpan.FromSeconds(30),
                        ShouldRetryAfterHeader = false, // our generator below reads both header forms against our clock
                        DelayGenerator = args =>
                            ValueTask.FromResult(args.Outcome.Result is { } response && RetryAfter.TryGetDelay(response.Headers, time.GetUtcNow(), out var wait)
                                ? (TimeSpan?)wait
                                : null),
                        // A retried PATCH whose earlier attempt may have been applied must not read its own change as someone else's.
                        OnRetry = args =>
                        {
                            if (args.Outcome.Result is not { StatusCode: HttpStatusCode.TooManyRequests })
                            {
                                args.Context.GetRequestMessage()?.Options.Set(CxoneHttp.EarlierAttemptUnanswered, true);
                            }

                            return ValueTask.CompletedTask;
                        },
                    });
                }
                pipeline
                    .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                    {
                        FailureRatio = 0.5,
                        MinimumThroughput = 10,
                        SamplingDuration = TimeSpan.FromSeconds(30),
                        BreakDuration = TimeSpan.FromSeconds(30),
                        // Being told to slow down (429) is not the tenant failing.
                        ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                        {
                            { Exception: HttpRequestException or TimeoutRejectedException } => true,
                            { Result: { } r } => (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.RequestTimeout,
                            _ => false,
                        }),
                    })
                    .AddRateLimiter(pacer.Limiter)
                    .AddTimeout(options.AttemptTimeout);
            });
        // Added after the resilience handler, so it sits inside it: every attempt carries a current token.
        http.AddHttpMessageHandler<CxoneAuthenticationHandler>();
        return services;
    }
}
