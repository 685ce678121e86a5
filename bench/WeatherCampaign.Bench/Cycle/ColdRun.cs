using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CxoneSimulator;
using WeatherCampaign.Core.Platforms;

namespace WeatherCampaign.Bench.Cycle;

/// <summary>One cold <c>run</c>: the operator tool started as a new process, from start to exit.</summary>
internal sealed record ColdMeasurement(ColdVariant Variant, TimeSpan Wall, TimeSpan ToFirstRequest, TimeSpan ToFirstChange, TimeSpan AfterLastRequest, int Requests, int StatusChanges, int Transitions, int ExitCode, string? Error, string Timeline, TimeSpan? Cpu)
{
    public bool AllDone => ExitCode == 0 && StatusChanges == Transitions;
}

/// <summary>
/// Issue 16, item 5: the cold <c>run</c> ratio. The operator tool (<c>weathercampaign run --settings FILE</c>) is launched as a
/// separate process against the simulator (in this process, N campaigns, latency L, the tenant limit R) and Azurite, and timed
/// from process start to exit. Ratio = wall ÷ (minimal requests ÷ R), as the <c>cycle</c> command computes it in-process.
/// Variants are interleaved trial by trial, so each sees the same machine.
/// </summary>
internal static class ColdRun
{
    private const int Campaigns = 1_000;
    private const int LatencyMs = 100;
    private const double TenantRequestsPerSecond = 100;
    private const int PageSize = 50;

    /// <summary>1 token + ⌈N / 50⌉ pages + a quarter of N pauses.</summary>
    public static int Minimal(int transitions) => 1 + ((Campaigns + PageSize - 1) / PageSize) + transitions;

    public static async Task<string> RunAsync(string root, IReadOnlyList<ColdVariant> variants, int trials, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var loadBefore = File.ReadAllText("/proc/loadavg").Trim();
        await using var harness = await CycleHarness.StartAsync(root, cancellationToken).ConfigureAwait(false);
        var platform = new CyclePlatform(PlatformOptions.CxoneCampaigns);
        var seed = SimulatorSeed.Generate(Campaigns, CycleHarness.Regions, randomSeed: Campaigns);
        var transitions = seed.Campaigns.Count(c => CycleHarness.AlertedRegions.Contains(CyclePlatform.RegionOf(c)));
        await using var simulator = await SimulatorServer.StartAsync(seed with { Campaigns = [] }, ct: cancellationToken).ConfigureAwait(false);
        simulator.State.SetFeed("nws", CycleHarness.StormFeed(DateTimeOffset.UtcNow), "application/geo+json");
        simulator.State.Faults.LatencyMs = LatencyMs;
        simulator.State.Faults.RequestsPerSecond = TenantRequestsPerSecond;

        var settingsFile = Path.Combine(Path.GetTempPath(), $"weathercampaign-cold-run-{Environment.ProcessId}.json");
        var values = CycleHarness.ServiceSettings(simulator.BaseAddress, platform, TenantRequestsPerSecond, harness.StorageConnection, null);
        await File.WriteAllTextAsync(settingsFile, JsonSerializer.Serialize(new { IsEncrypted = false, Values = values }), cancellationToken).ConfigureAwait(false);

        var results = variants.ToDictionary(v => v.Name, _ => new List<ColdMeasurement>(), StringComparer.Ordinal);
        var warm = new List<double>();
        try
        {
            // Trial 0 warms the disk cache, Azurite and this process's simulator; it is printed but not counted.
            for (var trial = 0; trial <= trials; trial++)
            {
                foreach (var variant in variants)
                {
                    platform.Seed(simulator.State, seed.Campaigns);
                    await harness.ResetStorageAsync(cancellationToken).ConfigureAwait(false);
                    await Task.Delay(TimeSpan.FromSeconds(1.2), cancellationToken).ConfigureAwait(false); // the tenant's bucket full
                    CyclePlatform.ResetCounters(simulator.State);
                    simulator.State.ClearRequests();
                    var m = await MeasureAsync(variant, settingsFile, simulator, platform, transitions, cancellationToken).ConfigureAwait(false);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{(trial == 0 ? "warm-up" : $"trial {trial}")} {variant.Name}: {m.Wall.TotalSeconds:0.00} s (first request after {m.ToFirstRequest.TotalSeconds:0.00} s, first PATCH {m.ToFirstChange.TotalSeconds:0.00} s, exit {m.AfterLastRequest.TotalSeconds:0.00} s after the last), " +
                        $"{m.Requests} requests, {m.StatusChanges}/{m.Transitions} paused, exit {m.ExitCode}, CPU {m.Cpu?.TotalSeconds:0.00} s, ratio {m.Wall.TotalSeconds / (Minimal(transitions) / TenantRequestsPerSecond):0.00}{(m.Error is null ? "" : "; " + m.Error)}\n    timeline: {m.Timeline}"));
                    if (trial > 0)
                    {
                        results[variant.Name].Add(m);
                    }
                }

                // The same case in this (warm) process, as `cycle` measures it, on the same machine at the same moment.
                var inProcess = await harness.RunAsync(new CycleCase(Campaigns, LatencyMs, TenantRequestsPerSecond, TimeSpan.FromSeconds(60)), StorageMode.Azurite, baseline: false, _ => { }, cancellationToken).ConfigureAwait(false);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(trial == 0 ? "warm-up" : $"trial {trial}")} in-process cycle: {inProcess.First.Wall.TotalSeconds:0.00} s, done {inProcess.First.AllWorkDone}"));
                if (trial > 0)
                {
                    warm.Add(inProcess.First.Wall.TotalSeconds);
                }
            }
        }
        finally
        {
            File.Delete(settingsFile);
        }

        return Report(variants, results, warm, transitions, trials, loadBefore, File.ReadAllText("/proc/loadavg").Trim(), clock.Elapsed);
    }

    private static async Task<ColdMeasurement> MeasureAsync(ColdVariant variant, string settingsFile, SimulatorServer simulator, CyclePlatform platform, int transitions, CancellationToken cancellationToken)
    {
        var viaDotnet = variant.Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(viaDotnet ? "dotnet" : variant.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (viaDotnet)
        {
            start.ArgumentList.Add(variant.Path);
        }

        foreach (var argument in new[] { "run", "--settings", settingsFile })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in variant.Environment)
        {
            start.Environment[name] = value;
        }

        var cpuBefore = ChildCpu.Total();
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{variant.Path} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        clock.Stop();
        var cpu = ChildCpu.Total() - cpuBefore;
        var exitedAt = startedAt + clock.Elapsed;
        await output.ConfigureAwait(false);
        var errorText = (await error.ConfigureAwait(false)).Trim();
        var requests = simulator.State.Requests;
        var first = requests.Count == 0 ? exitedAt : requests.Min(r => r.Timestamp);
        var last = requests.Count == 0 ? exitedAt : requests.Max(r => r.Timestamp);
        var changes = requests.Where(r => r.Endpoint == SimulatorEndpoint.PatchCampaign).ToList();
        var firstChange = changes.Count == 0 ? exitedAt : changes.Min(r => r.Timestamp);
        var counts = platform.Count(simulator.State);
        // How fast the changes ramp up: a full pace is R / 4 per quarter second, the first one with the pacer's burst on top.
        // Every quarter is printed, empty ones as 0: a gap in the PATCHes is what a storage stall looks like.
        var perQuarter = changes.CountBy(r => (int)((r.Timestamp - firstChange).TotalSeconds * 4)).ToDictionary();
        Console.WriteLine("    PATCHes per quarter second from the first: " + string.Join(" ",
            Enumerable.Range(0, perQuarter.Count == 0 ? 0 : perQuarter.Keys.Max() + 1).Select(q => perQuarter.GetValueOrDefault(q).ToString(CultureInfo.InvariantCulture))));
        return new ColdMeasurement(variant, clock.Elapsed, first - startedAt, firstChange - startedAt, exitedAt - last,
            counts.Tokens + counts.Pages + counts.Gets + counts.Changes, counts.StatusChanges, transitions, process.ExitCode,
            errorText.Length == 0 ? null : errorText.Split('\n', 2)[0],
            string.Join("; ", requests.GroupBy(r => r.Endpoint).Select(g =>
                string.Create(CultureInfo.InvariantCulture, $"{g.Key} {(g.Min(r => r.Timestamp) - startedAt).TotalSeconds:0.00}..{(g.Max(r => r.Timestamp) - startedAt).TotalSeconds:0.00} s"))),
            cpu);
    }

    private static string Report(IReadOnlyList<ColdVariant> variants, Dictionary<string, List<ColdMeasurement>> results, List<double> warm, int transitions, int trials, string loadBefore, string loadAfter, TimeSpan elapsed)
    {
        var minimal = Minimal(transitions);
        var rows = variants.Select(v =>
        {
            var runs = results[v.Name];
            var walls = runs.Select(r => r.Wall.TotalSeconds).Order().ToList();
            var median = Median(walls);
            return string.Create(CultureInfo.InvariantCulture,
                $"| {v.Name} | {median:0.00} | {walls[0]:0.00}–{walls[^1]:0.00} | {Median(runs.Select(r => r.ToFirstRequest.TotalSeconds).Order().ToList()):0.00} | " +
                $"{Median(runs.Select(r => r.ToFirstChange.TotalSeconds).Order().ToList()):0.00} | " +
                $"{Median(runs.Select(r => r.AfterLastRequest.TotalSeconds).Order().ToList()):0.00} | {Median(runs.Select(r => r.Cpu?.TotalSeconds ?? double.NaN).Order().ToList()):0.00} | {runs[0].Requests} | {minimal} | **{median / (minimal / TenantRequestsPerSecond):0.00}** | " +
                $"{(runs.All(r => r.AllDone) ? "yes" : "no")} |");
        });
        warm.Sort();
        var warmMedian = Median(warm);
        var warmRow = string.Create(CultureInfo.InvariantCulture,
            $"| in-process cycle (warm, `cycle`'s first cycle) | {warmMedian:0.00} | {warm[0]:0.00}–{warm[^1]:0.00} | | | | | {minimal} | {minimal} | **{warmMedian / (minimal / TenantRequestsPerSecond):0.00}** | |");
        var legend = variants.Select(v => $"- **{v.Name}**: `{v.Describe()}`");
        return string.Create(CultureInfo.InvariantCulture, $"""
            # Cold `run`, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC

            {Environment.ProcessorCount} cores, load average before {loadBefore}, after {loadAfter}; whole run {elapsed.TotalMinutes:0.0} min.
            `weathercampaign run --settings FILE` as a new process, timed from process start to exit, against the simulator
            (N = {Campaigns:N0} campaigns, L = {LatencyMs} ms, R = {TenantRequestsPerSecond:0} requests/s, a quarter of them to pause) and Azurite.
            Minimal = 1 token + {(Campaigns + PageSize - 1) / PageSize} pages + {transitions} PATCHes = {minimal}; ratio = wall ÷ (minimal ÷ R) = wall ÷ {minimal / TenantRequestsPerSecond:0.00} s.
            Median of {trials} trials per variant after one warm-up each, variants interleaved. "First request" is the time from
            process start to the simulator's first request (start-up: runtime, settings, validation, storage), "first PATCH" to the
            first status change (token, listing, feed, plan, audit rows, enqueue, first receive); "exit after" is from the
            simulator's last request to the process's exit (the last answer's latency L included); "CPU" is the tool's own user + system
            time (getrusage of the exited child), which the machine's other load disturbs less than wall time.

            | Variant | Wall median (s) | Range (s) | First request (s) | First PATCH (s) | Exit after last (s) | CPU (s) | Requests | Minimal | Ratio | All done |
            |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|
            {string.Join("\n", rows)}
            {warmRow}

            {string.Join("\n", legend)}

            """);
    }

    private static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
