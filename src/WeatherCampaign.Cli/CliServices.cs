using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Cli;

/// <summary>What a command needs from the service.</summary>
internal enum ServiceNeeds
{
    /// <summary>Only the tables (audit, holds list): the campaign and weather settings are not checked.</summary>
    Storage,
    /// <summary>Everything the Functions app needs, checked up front like the host checks it at start-up.</summary>
    Everything,
    /// <summary>
    /// <see cref="Everything"/>, for a command that lists campaigns soon (<c>run</c>, <c>plan</c>, <c>serve</c>): the platform's token is
    /// fetched alongside the storage set-up, so the listing's first page does not wait for it.
    /// </summary>
    Cycle,
}

/// <summary>
/// The service wired exactly as the Functions app wires it (<see cref="WeatherCampaignServiceCollectionExtensions.AddWeatherCampaign"/>),
/// for one command: same settings, same handlers, logs to standard error.
/// </summary>
internal sealed class CliServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private CliServices(ServiceProvider provider) => _provider = provider;

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public static async Task<CliServices> StartAsync(
        IConfiguration configuration, CliEnvironment environment, bool verbose, ServiceNeeds needs, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging
            .AddProvider(new TextWriterLoggerProvider(environment.Error))
            .SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning)
            // The HTTP client factory's per-request lines drown what the service says.
            .AddFilter("System.Net.Http.HttpClient", verbose ? LogLevel.Warning : LogLevel.Error)
            .AddFilter("Polly", LogLevel.Warning));
        if (environment.Clock is { } clock)
        {
            services.AddSingleton(clock);
        }

        services.AddWeatherCampaign(configuration);

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        try
        {
            // The Functions host validates options at start-up; a command does the same before it touches anything.
            if (needs != ServiceNeeds.Storage)
            {
                foreach (var validator in provider.GetServices<IStartupValidator>())
                {
                    validator.Validate();
                }
            }
            // For a cycle, the platform's token first (PlatformPreparation in the Functions app), on a thread-pool thread: the
            // listing waits for it and nothing below needs it. The first use of each client costs CPU time before its first request
            // goes out, so the storage set-up spends its own on this thread meanwhile.
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            List<Task> startUp = [];
            if (needs == ServiceNeeds.Cycle)
            {
                var tokens = provider.GetRequiredService<ICampaignTokenSource>();
                var logger = provider.GetRequiredService<ILogger<CliServices>>();
                startUp.Add(Task.Run(() => tokens.TryPrepareAsync(logger, stopping.Token), stopping.Token));
            }

            try
            {
                var storage = Storage(provider, configuration);
                // The tables and queues the Functions app creates at start-up (StorageInitializer; Bicep creates them in Azure):
                // side by side, as none needs anything from the others.
                startUp.Add(provider.GetRequiredService<HoldLedger>().EnsureCreatedAsync(stopping.Token));
                startUp.Add(provider.GetRequiredService<AuditTrail>().EnsureCreatedAsync(stopping.Token));
                if (needs != ServiceNeeds.Storage)
                {
                    startUp.AddRange(InterventionQueues.All.Select(name => storage.Queue(name).CreateIfNotExistsAsync(cancellationToken: stopping.Token)));
                }
                await Task.WhenAll(startUp).ConfigureAwait(false);
            }
            catch
            {
                // A failure before every task was started (a storage setting missing or malformed) leaves the token request going:
                // it is cancelled, and waited for before the provider that serves it is disposed.
                await stopping.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(startUp).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                throw;
            }

            return new CliServices(provider);
        }
        catch
        {
            await provider.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The storage clients, or the setting that is missing or malformed as a <see cref="SettingsException"/>.</summary>
    private static StorageClients Storage(ServiceProvider provider, IConfiguration configuration)
    {
        try
        {
            return provider.GetRequiredService<StorageClients>();
        }
        catch (InvalidOperationException ex) when (configuration[StorageClients.SettingName] is null)
        {
            throw new SettingsException(ex.Message);
        }
        catch (FormatException ex)
        {
            throw new SettingsException($"{StorageClients.SettingName} is not a valid connection string: {ex.Message}");
        }
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
