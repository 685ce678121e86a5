using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Timeout;
using WeatherCampaign.Core.Telemetry;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>
/// The one HTTP pipeline of every campaign platform, each with its own <see cref="CampaignHttpPolicy"/>: total timeout →
/// retry (Retry-After, else exponential backoff with jitter) → circuit breaker → pacing → attempt timeout → bearer token.
/// Redirects are never followed: a 307 would replay a token or a secret to another host.
/// </summary>
public static class CampaignHttpPipeline
{
    /// <summary>The platform's one <see cref="CampaignRequestPacer"/> (register it as a singleton): on real time, logging each change of pace.</summary>
    public static CampaignRequestPacer PacerFor(IServiceProvider services, CampaignHttpPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new CampaignRequestPacer(policy, TimeProvider.System,
            services.GetService<ILogger<CampaignRequestPacer>>() ?? NullLogger<CampaignRequestPacer>.Instance);
    }

    /// <summary>The pace gauge's reading: the process's campaign pacer, when one is registered.</summary>
    public static double? CurrentPace(IServiceProvider services) => services.GetService<CampaignRequestPacer>()?.RequestsPerSecond;

    public static IHttpClientBuilder AddCampaignPipeline(this IHttpClientBuilder http, Func<IServiceProvider, CampaignHttpPolicy> policyOf)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(policyOf);
        http.Services.TryAddTransient<CampaignAuthenticationHandler>();
        http.Services.TryAddTransient<CampaignPaceHandler>();
        http.Services.AddWeatherCampaignMetrics(CurrentPace);
        http.ConfigureHttpClient(client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan; // the pipeline's timeouts govern
                client.MaxResponseContentBufferSize = CampaignHttp.MaxResponseBytes;
                client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("WeatherCampaign", "1.0"));
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        http.AddResilienceHandler(http.Name, (pipeline, context) =>
            {
                var policy = policyOf(context.ServiceProvider);
                var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
                var pacer = context.ServiceProvider.GetRequiredService<CampaignRequestPacer>();
                pipeline.AddTimeout(policy.TotalTimeout);
                // Polly refuses a retry strategy with no attempts, so MaxRetries = 0 (allowed) leaves the strategy out.
                if (policy.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = policy.MaxRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = TimeSpan.FromMilliseconds(500),
                        MaxDelay = TimeSpan.FromSeconds(30),
                        ShouldRetryAfterHeader = false, // our generator below reads both header forms against our clock
                        DelayGenerator = args =>
                            ValueTask.FromResult(args.Outcome.Result is { } response && RetryAfter.TryGetDelay(response.Headers, time.GetUtcNow(), out var wait)
                                ? (TimeSpan?)wait
                                : null),
                        // A retried change whose earlier attempt may have been applied must not read its own change as someone else's.
                        OnRetry = args =>
                        {
                            if (args.Outcome.Result is not { StatusCode: HttpStatusCode.TooManyRequests })
                            {
                                args.Context.GetRequestMessage()?.Options.Set(CampaignHttp.EarlierAttemptUnanswered, true);
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
                    .AddTimeout(policy.AttemptTimeout);
            });
        // Added after the resilience handler, so they sit inside it: every attempt carries a current token, the pacer sees
        // every answer (the 401 resend too), and, innermost, every attempt's 429 is counted (weathercampaign.campaign_api.throttled).
        return http.AddHttpMessageHandler<CampaignAuthenticationHandler>().AddHttpMessageHandler<CampaignPaceHandler>()
            .AddHttpMessageHandler<ThrottleCountingHandler>();
    }
}
