using Azure.Data.Tables;
using Azure.Storage.Queues;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;
using WeatherCampaign.DevTools;

namespace WeatherCampaign.Testing;

/// <summary>
/// One real Azurite per test assembly, started from the repository's npm lockfile: each assembly's
/// <c>[AssemblyInitialize]</c> calls <see cref="StartAsync"/> and its <c>[AssemblyCleanup]</c> <see cref="StopAsync"/>.
/// </summary>
public static class SharedAzurite
{
    private static AzuriteServer? s_azurite;

    public static string ConnectionString => s_azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite is not running.");

    public static TableServiceClient Tables => new(ConnectionString);

    /// <summary>Base64-encoded, as the Functions host reads a trigger queue.</summary>
    public static QueueServiceClient Queues => new(ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public static async Task StartAsync(CancellationToken cancellationToken) =>
        s_azurite = await AzuriteServer.StartAsync(cancellationToken: cancellationToken);

    public static async Task StopAsync()
    {
        if (s_azurite is not null)
        {
            await s_azurite.DisposeAsync();
        }

        s_azurite = null;
    }

    /// <summary>Empties the service's fixed tables and queues, for tests that run the real wiring one after another.</summary>
    public static async Task ResetServiceStateAsync()
    {
        foreach (var table in new[] { AuditTrail.TableName, HoldLedger.TableName })
        {
            await Tables.DeleteTableAsync(table);
            await Tables.CreateTableIfNotExistsAsync(table);
        }
        foreach (var queue in new[] { InterventionQueues.Name, InterventionQueues.PoisonName, InterventionQueues.HaltedName })
        {
            var client = Queues.GetQueueClient(queue);
            await client.CreateIfNotExistsAsync();
            await client.ClearMessagesAsync();
        }
    }

    /// <summary>Every audit row of the last and the next day, newest first.</summary>
    public static async Task<List<AuditRecord>> AuditRowsAsync(AuditTrail audit, DateTimeOffset now)
    {
        var rows = new List<AuditRecord>();
        await foreach (var row in audit.QueryAsync(new AuditQuery(now.AddDays(-1), now.AddDays(1))))
        {
            rows.Add(row);
        }

        return rows;
    }
}
