using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Platforms;

namespace WeatherCampaign.Core.Tests.Campaigns;

/// <summary>
/// The campaign platform wired by <see cref="Core.Platforms.PlatformServiceCollectionExtensions.AddCampaignPlatform"/> — the real pipeline of
/// timeouts, retry, circuit breaker, pacing and bearer token — with a <see cref="ScriptedTenant"/> as the network and a fake clock.
/// </summary>
internal sealed class CampaignApi : IAsyncDisposable
{
    public const string BaseUrl = "https://tenant.example";
    public const string ClientId = "client-1";
    public const string ClientSecret = "secret-1";

    private readonly ServiceProvider _services;

    private CampaignApi(ServiceProvider services, ScriptedTenant tenant, WatchedClock clock)
    {
        _services = services;
        Tenant = tenant;
        Clock = clock;
    }

    public ScriptedTenant Tenant { get; }
    public WatchedClock Clock { get; }
    public ICampaignPlatform Platform => _services.GetRequiredService<ICampaignPlatform>();
    public CxoneTokenProvider Tokens => _services.GetRequiredService<CxoneTokenProvider>();

    /// <param name="settings">Overrides of the <c>Cxone</c> settings (keys without the section).</param>
    public static CampaignApi Start(Action<Dictionary<string, string?>>? settings = null, ICxoneCredentialSource? credentials = null)
    {
        // Whole seconds, so an HTTP-date Retry-After (whole seconds) is an exact distance from now.
        var clock = new WatchedClock(new DateTimeOffset(2025, 1, 20, 12, 0, 0, TimeSpan.Zero));
        var tenant = new ScriptedTenant(clock);
        var values = new Dictionary<string, string?>
        {
            ["BaseUrl"] = BaseUrl,
            ["ClientId"] = ClientId,
            ["ClientSecret"] = ClientSecret,
            ["MaxRetries"] = "3",
            // Distinct from any wait under test, so the clock can tell a retry's wait from a timeout's timer.
            ["AttemptTimeout"] = "00:00:10",
            ["TotalTimeout"] = "00:10:00",
        };
        settings?.Invoke(values);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create("Cxone:" + v.Key, v.Value)))
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddLogging();
        if (credentials is not null)
        {
            services.AddSingleton(credentials);
        }

        services.AddCampaignPlatform(configuration);
        services.AddHttpClient("cxone").ConfigurePrimaryHttpMessageHandler(() => tenant);
        return new CampaignApi(services.BuildServiceProvider(), tenant, clock);
    }

    public ValueTask DisposeAsync()
    {
        // A call a failed test left waiting on the fake clock ends at its total timeout; disposal would otherwise wait for it.
        Clock.Advance(TimeSpan.FromHours(1));
        return _services.DisposeAsync();
    }
}

/// <summary>A fake clock that also tells when someone starts waiting on it, and for how long (Polly's retry delays are timers on it).</summary>
internal sealed class WatchedClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentQueue<(TimeSpan Due, TaskCompletionSource<TimeSpan> Signal, Func<TimeSpan, bool> Match)> _watchers = new();

    /// <summary>Completes with the due time of the next timer created whose due time matches (already-created timers do not count).</summary>
    public Task<TimeSpan> NextTimerAsync(Func<TimeSpan, bool> match)
    {
        var signal = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        _watchers.Enqueue((default, signal, match));
        return signal.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>A timer that is neither an attempt timeout (10 s) nor the total timeout (10 min): a retry's wait.</summary>
    public Task<TimeSpan> NextRetryWaitAsync() =>
        NextTimerAsync(due => due != TimeSpan.FromSeconds(10) && due != TimeSpan.FromMinutes(10) && due != Timeout.InfiniteTimeSpan);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        foreach (var watcher in _watchers.ToArray())
        {
            if (watcher.Match(dueTime) && watcher.Signal.TrySetResult(dueTime))
            {
                break;
            }
        }
        return timer;
    }
}
