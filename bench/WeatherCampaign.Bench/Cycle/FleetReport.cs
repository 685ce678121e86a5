using System.Diagnostics;
using System.Globalization;

namespace WeatherCampaign.Bench.Cycle;

/// <summary>The <c>fleet</c> command: 1, 2 and 4 consumer processes side by side in one run, written to bench/results/fleet-date.md.</summary>
internal static class FleetReport
{
    public static async Task<int> RunAsync(string root)
    {
        using var bounded = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        var clock = Stopwatch.StartNew();
        await using var harness = await CycleHarness.StartAsync(root, bounded.Token);
        var rows = new List<string>();
        var allDone = true;
        foreach (var consumers in new[] { 1, 2, 4 })
        {
            var m = await FleetRun.RunAsync(harness, consumers, campaigns: 1_000, latencyMs: 100, tenantRequestsPerSecond: 20, bounded.Token);
            allDone &= m.AllDone;
            var row = string.Create(CultureInfo.InvariantCulture,
                $"| {m.Consumers} | {m.Wall.TotalSeconds:0.00} | {m.Requests} | {m.Minimal} | {m.TooManyRequests} ({m.TooManyShare * 100:0.0} %) | {m.Ratio:0.00} | {(m.AllDone ? "yes" : $"no: {m.StatusChanges} of {m.Transitions}")} |");
            Console.WriteLine(row);
            rows.Add(row);
        }

        var report = string.Create(CultureInfo.InvariantCulture, $"""
            # Fleet benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC

            {Environment.ProcessorCount} cores. N = 1 000 campaigns (250 to pause), L = 100 ms, the simulator's tenant allows R = 20 requests/s
            (bucket 20); every consumer process is set to 20 (the Bicep default: the whole tenant limit per instance) with adaptive
            pacing. Consumers are separate processes (this benchmark re-launched with `consume`), 48 messages in flight each, on one
            Azurite queue. Wall: from the messages going onto the queue (every consumer ready) to the last status change.
            Minimal = one token per consumer + one PATCH per pause; ratio = wall ÷ (minimal ÷ R). Whole run {clock.Elapsed.TotalMinutes:0.0} min,
            load average {File.ReadAllText("/proc/loadavg").Trim()}.

            | Consumers | Wall (s) | Requests | Minimal | 429s | Ratio | All done |
            |---:|---:|---:|---:|---:|---:|---|
            {string.Join("\n", rows)}

            """);
        Console.WriteLine(report);
        var path = Path.Combine(root, "bench", "results", $"fleet-{DateTime.UtcNow:yyyy-MM-dd}.md");
        await File.WriteAllTextAsync(path, report);
        Console.WriteLine($"Wrote {Path.GetRelativePath(root, path)}");
        return allDone ? 0 : 1;
    }
}
