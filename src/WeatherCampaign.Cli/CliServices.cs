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
            StorageClients storage;
            try
            {
                storage = provider.GetRequiredService<StorageClients>();
            }
            catch (InvalidOperationException ex) when (configuration[StorageClients.SettingName] is null)
            {
                throw new SettingsException(ex.Message);
            }
            catch (FormatException ex)
            {
                throw new SettingsException($"{StorageClients.SettingName} is not a valid connection string: {ex.Message}");
            }

            // The tables and queues the Functions app creates at start-up (StorageInitializer; Bicep creates them in Azure), and
            // for a cycle the platform's token (PlatformPreparation there): side by side, as none needs anything from the others.
            List<Task> startUp =
            [
                provider.GetRequiredService<HoldLedger>().EnsureCreatedAsync(cancellationToken),
                provider.GetRequiredService<AuditTrail>().EnsureCreatedAsync(cancellationToken),
            ];
            if (needs == ServiceNeeds.Cycle)
            {
                startUp.Add(provider.GetRequiredService<ICampaignTokenSource>().TryPrepareAsync(provider.GetRequiredService<ILogger<CliServices>>(), cancellationToken));
            }

            if (needs != ServiceNeeds.Storage)
            {
                startUp.AddRange(InterventionQueues.All.Select(name => storage.Queue(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
            }
            await Task.WhenAll(startUp).ConfigureAwait(false);
            return new CliServices(provider);
        }
        catch
        {
            await provider.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
