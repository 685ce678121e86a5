using System.Diagnostics;
using Azure.Data.Tables;
using WeatherCampaign.DevTools;

namespace WeatherCampaign.Bench.Cycle;

/// <summary>How many table upserts per second Azurite takes on this machine, at several concurrencies: the ceiling of the apply phase.</summary>
internal static class StorageProbe
{
    public static async Task RunAsync(string root)
    {
        await using var azurite = await AzuriteServer.StartAsync(root);
        var tables = new TableServiceClient(azurite.ConnectionString);
        var table = tables.GetTableClient("probe");
        await table.CreateIfNotExistsAsync();
        foreach (var concurrency in new[] { 1, 8, 24, 64 })
        {
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
                await table.UpsertEntityAsync(new TableEntity("p", $"{concurrency}-{i}") { ["A"] = "some text value here", ["B"] = i, ["C"] = DateTimeOffset.UtcNow }, TableUpdateMode.Replace, ct));
            Console.WriteLine($"upsert x1000 at {concurrency}: {clock.Elapsed.TotalMilliseconds:0} ms, {1000 / clock.Elapsed.TotalSeconds:0} ops/s");
        }
    }
}
