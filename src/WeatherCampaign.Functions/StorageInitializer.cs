using Microsoft.Extensions.Hosting;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Functions;

/// <summary>Creates the two tables at start-up when they are missing (Azurite, a fresh account); Bicep creates them in Azure.</summary>
internal sealed class StorageInitializer(HoldLedger ledger, AuditTrail audit) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ledger.EnsureCreatedAsync(cancellationToken);
        await audit.EnsureCreatedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
