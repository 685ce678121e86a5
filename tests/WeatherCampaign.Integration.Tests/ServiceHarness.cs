using CxoneSimulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WeatherCampaign.Core;

namespace WeatherCampaign.Integration.Tests;

/// <summary>
/// The service wired exactly as the Functions app wires it (<see cref="WeatherCampaignServiceCollectionExtensions.AddWeatherCampaign"/>),
/// pointed at a simulator on loopback and the shared Azurite, with every log line captured.
/// </summary>
internal sealed class ServiceHarness : IAsyncDisposable
{
    private ServiceHarness(SimulatorServer simulator, ServiceProvider services, CapturedLogs logs, IConfigurationRoot configuration)
    {
        Configuration = configuration;
        Simulator = simulator;
        Services = services;
        Logs = logs;
    }

    public SimulatorServer Simulator { get; }

    /// <summary>The settings; change one and <see cref="IConfigurationRoot.Reload"/> to act as an operator editing app settings.</summary>
    public IConfigurationRoot Configuration { get; }
    public ServiceProvider Services { get; }
    public CapturedLogs Logs { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<ServiceHarness> StartAsync(
        IEnumerable<CampaignEntity> campaigns,
        Action<Dictionary<string, string?>>? settings = null,
        TimeProvider? time = null,
        Action<IServiceCollection>? services = null)
    {
        var simulator = await SimulatorServer.StartAsync(SimulatorSeed.Default with { Campaigns = campaigns.ToList() });
        var values = SimulatedTenant.Settings(simulator, "(WeatherCampaign tests, ops@example.com)");
        values["Cxone:MaxRetries"] = "2";
        values["Weather:Feeds:0:Format"] = "nws";
        values["Regions:Groups:US-NE"] = "NY,NJ,PA,CT,RI,MA,VT,NH,ME";
        settings?.Invoke(values);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var logs = new CapturedLogs();
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        if (time is not null)
        {
            collection.AddSingleton(time);
        }

        collection.AddWeatherCampaign(configuration);
        services?.Invoke(collection);
        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new ServiceHarness(simulator, provider, logs, configuration);
    }

    /// <summary>A clock starting now, advanced only by the test.</summary>
    public static FakeTimeProvider Clock() => new(DateTimeOffset.UtcNow);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}

/// <summary>Every log line, rendered, with its exception, so tests can look for secrets in them.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToList();
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}: {formatter(state, exception)} {exception}";
            lock (owner._lines)
            {
                owner._lines.Add(line);
            }
        }
    }
}
