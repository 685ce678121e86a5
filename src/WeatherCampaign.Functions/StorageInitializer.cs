using Microsoft.Extensions.Hosting;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Functions;

/// <summary>
/// Creates the two tables and the halted queue at start-up when they are missing (Azurite, a fresh account); Bicep creates
/// them in Azure. The host creates its trigger queues itself.
/// </summary>
internal sealed class StorageInitializer(HoldLedger ledger, AuditTrail audit, StorageClients storage) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Side by side: three round trips that need nothing from each other, on the worker's start-up path.
        await Task.WhenAll(
            ledger.EnsureCreatedAsync(cancellationToken),
            audit.EnsureCreatedAsync(cancellationToken),
            storage.Queue(InterventionQueues.HaltedName).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
