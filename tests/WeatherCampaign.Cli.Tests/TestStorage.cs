using Azure.Data.Tables;
using Azure.Storage.Queues;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;
using WeatherCampaign.DevTools;

// The CLI uses the service's fixed table and queue names, so tests take turns on the one Azurite.
[assembly: DoNotParallelize]

namespace WeatherCampaign.Cli.Tests;

/// <summary>One real Azurite for the whole assembly, started from the repository's npm lockfile.</summary>
[TestClass]
public static class TestStorage
{
    private static AzuriteServer? s_azurite;

    public static string ConnectionString => s_azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite is not running.");

    public static TableServiceClient Tables => new(ConnectionString);

    public static QueueServiceClient Queues => new(ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public static HoldLedger Ledger => new(Tables);

    public static AuditTrail Audit => new(Tables);

    [AssemblyInitialize]
    public static async Task StartAsync(TestContext context) =>
        s_azurite = await AzuriteServer.StartAsync(cancellationToken: context.CancellationTokenSource.Token);

    [AssemblyCleanup]
    public static async Task StopAsync()
    {
        if (s_azurite is not null) await s_azurite.DisposeAsync();
    }

    /// <summary>Empties the service's tables and queues, so each test starts from a fresh account.</summary>
    public static async Task ResetAsync()
    {
        foreach (var table in new[] { AuditTrail.TableName, HoldLedger.TableName })
        {
            await Tables.DeleteTableAsync(table);
            await Tables.CreateTableIfNotExistsAsync(table);
        }
        foreach (var queue in new[] { InterventionQueues.Name, InterventionQueues.PoisonName })
        {
            var client = Queues.GetQueueClient(queue);
            await client.CreateIfNotExistsAsync();
            await client.ClearMessagesAsync();
        }
    }

    public static async Task<List<AuditRecord>> AuditRowsAsync()
    {
        var rows = new List<AuditRecord>();
        var now = DateTimeOffset.UtcNow;
        await foreach (var row in Audit.QueryAsync(new AuditQuery(now.AddDays(-1), now.AddDays(1)))) rows.Add(row);
        return rows;
    }
}
