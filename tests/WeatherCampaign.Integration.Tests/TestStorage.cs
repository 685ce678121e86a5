using Azure.Data.Tables;
using Azure.Storage.Queues;
using WeatherCampaign.DevTools;

[assembly: DoNotParallelize]

namespace WeatherCampaign.Integration.Tests;

/// <summary>One real Azurite for the whole assembly, started from the repository's npm lockfile.</summary>
[TestClass]
public static class TestStorage
{
    private static AzuriteServer? s_azurite;

    public static string ConnectionString => s_azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite is not running.");

    public static TableServiceClient Tables => new(ConnectionString);

    public static QueueServiceClient Queues => new(ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    [AssemblyInitialize]
    public static async Task StartAsync(TestContext context) => s_azurite = await AzuriteServer.StartAsync(cancellationToken: context.CancellationTokenSource.Token);

    [AssemblyCleanup]
    public static async Task StopAsync()
    {
        if (s_azurite is not null) await s_azurite.DisposeAsync();
    }

    /// <summary>A table or queue name no other test uses.</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Empties the service's fixed tables and queues, for tests that run the real wiring.</summary>
    public static async Task ResetServiceStateAsync()
    {
        foreach (var table in new[] { "audit", "weatherholds" })
        {
            await Tables.DeleteTableAsync(table);
            await Tables.CreateTableIfNotExistsAsync(table);
        }
        foreach (var queue in new[] { "interventions", "interventions-poison" })
        {
            var client = Queues.GetQueueClient(queue);
            await client.CreateIfNotExistsAsync();
            await client.ClearMessagesAsync();
        }
    }
}
