using System.Diagnostics;
using System.Globalization;
using System.Text;
using CxoneSimulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WeatherCampaign.Core.Alerts;

namespace WeatherCampaign.Bench.Index;

/// <summary>
/// A 500-entry index feed (ATOM and RSS) against the simulator: the requests one read costs cold (every document fetched),
/// warm (every document unchanged: 304s) and with one document changed, and the time each takes, at two per-request latencies.
/// The reader is the registered one, kept across cycles as in the Functions host.
/// </summary>
internal static class IndexFeedBenchmark
{
    private const int Entries = 500;

    public static async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var rows = new List<string>();
        foreach (var kind in new[] { IndexFeedKind.Atom, IndexFeedKind.Rss })
        {
            foreach (var latencyMs in new[] { 0, 20 })
            {
                rows.AddRange(await RunCaseAsync(kind, latencyMs, cancellationToken));
            }
        }

        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# Index feed: {Entries} entries, each linking one CAP document ({DateTime.UtcNow:yyyy-MM-dd})")
            .AppendLine()
            .AppendLine("`dotnet run -c Release --project bench/WeatherCampaign.Bench -- index`: the simulator in-process on loopback, the reader as")
            .AppendLine("registered (`Weather:LinkConcurrency` 8), one feed. Requests and 304s are counted by the simulator; time is one read of")
            .AppendLine("the feed and its documents. Latency is added by the simulator to every feed and document request.")
            .AppendLine()
            .AppendLine("| Feed | Latency | Cycle | Requests | 304s | Alerts | Time |")
            .AppendLine("| --- | ---: | --- | ---: | ---: | ---: | ---: |");
        foreach (var row in rows)
        {
            text.AppendLine(row);
        }

        return text.ToString();
    }

    private static async Task<IEnumerable<string>> RunCaseAsync(IndexFeedKind kind, int latencyMs, CancellationToken cancellationToken)
    {
        await using var simulator = await SimulatorServer.StartAsync(SimulatorSeed.Default, ct: cancellationToken);
        var state = simulator.State;
        var sent = DateTimeOffset.UtcNow.AddMinutes(-5);
        var names = new List<string> { "index" };
        for (var i = 0; i < Entries; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"cap-{i:D3}");
            names.Add(name);
            state.SetFeed(name, CapDocument.Alert(name, "Severe Thunderstorm Warning", "Severe", "SAME", string.Create(CultureInfo.InvariantCulture, $"0{1000 + i:D5}"), sent, TimeSpan.FromHours(2)), CapDocument.ContentType);
        }

        state.SetIndexFeed("index", kind, names.Skip(1).Select(n => new IndexFeedEntry("entry-" + n, n)));
        state.Faults.LatencyMs = latencyMs;
        var settings = new Dictionary<string, string?>
        {
            ["Weather:Feeds:0:Url"] = simulator.BaseAddress + "/feeds/index",
            ["Weather:Feeds:0:Format"] = kind == IndexFeedKind.Atom ? "atom-index" : "rss-index",
            ["Weather:Feeds:0:Name"] = "index",
            ["Weather:UserAgent"] = "(WeatherCampaign bench, ops@example.com)",
            ["Weather:Timeout"] = "00:02:00",
        };
        await using var services = new ServiceCollection().AddLogging()
            .AddAlertFeeds(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
        var source = services.GetRequiredService<IAlertSource>();

        var rows = new List<string>();
        async Task MeasureAsync(string cycle)
        {
            state.ResetCounters();
            var clock = Stopwatch.StartNew();
            var snapshot = await source.ReadAsync(cancellationToken);
            var elapsed = clock.Elapsed;
            var feed = snapshot.Feeds.Single();
            if (!feed.Succeeded)
            {
                throw new InvalidOperationException($"The index feed failed: {feed.Error}");
            }

            var served = state.GetFeedStatistics(names);
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {kind} | {latencyMs} ms | {cycle} | {served.Requests} | {served.NotModified} | {snapshot.Alerts.Count} | {elapsed.TotalMilliseconds:F0} ms |"));
            Console.WriteLine(rows[^1]);
        }

        await MeasureAsync("cold");
        await MeasureAsync("warm");
        await MeasureAsync("warm");
        state.SetFeed("cap-250", CapDocument.Alert("cap-250", "Severe Thunderstorm Warning", "Extreme", "SAME", "001250", sent, TimeSpan.FromHours(3)), CapDocument.ContentType);
        await MeasureAsync("one document changed");
        return rows;
    }
}
