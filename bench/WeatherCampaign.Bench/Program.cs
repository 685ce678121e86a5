using System.Diagnostics;
using System.Globalization;
using WeatherCampaign.Bench.Cycle;
using WeatherCampaign.Bench.Micro;
using WeatherCampaign.Core.Platforms;
using WeatherCampaign.DevTools;

var command = args.FirstOrDefault() ?? "cycle";
var root = AzuriteServer.FindRepositoryRoot(AppContext.BaseDirectory);
switch (command)
{
    case "cycle":
        return await RunCycleAsync(args.Skip(1).ToArray());
    case "index":
        var report = await WeatherCampaign.Bench.Index.IndexFeedBenchmark.RunAsync(CancellationToken.None);
        var path = Path.Combine(root, "bench", "results", $"index-{DateTime.UtcNow:yyyy-MM-dd}.md");
        await File.WriteAllTextAsync(path, report);
        Console.WriteLine($"Wrote {path}");
        return 0;
    case "time-to-pause":
        return await RunTimeToPauseAsync(args.Skip(1).ToArray());
    case "consume":
        return await FleetRun.ConsumeAsync(args[1], args[2], double.Parse(args[3], CultureInfo.InvariantCulture));
    case "cold-run":
        return await RunColdAsync(args.Skip(1).ToArray());
    case "fleet":
        return await FleetReport.RunAsync(root);
    case "probe":
        await StorageProbe.RunAsync(root);
        return 0;
    case "parse":
        MicroBenchmarks.Run(root, typeof(ParseBenchmarks));
        return 0;
    case "plan":
        MicroBenchmarks.Run(root, typeof(PlanBenchmarks));
        return 0;
    case "all":
        var code = await RunCycleAsync(args.Skip(1).ToArray());
        MicroBenchmarks.Run(root, typeof(ParseBenchmarks), typeof(PlanBenchmarks));
        return code;
    default:
        Console.Error.WriteLine("""
            Usage: dotnet run -c Release --project bench/WeatherCampaign.Bench -- <command> [options]
              cycle   full cycles against the simulator and Azurite; writes bench/results/cycle-<date>.md
                      --only <text>   run only the cases whose name contains the text (e.g. "N=1,000")
                      --no-baseline   skip the one-at-a-time strategy
                      --storage azurite|memory|both   ledger and audit trail in Azurite, in process memory, or each in turn (default both)
                      --listing-concurrency <n>   override Cxone:ListingConcurrency
                      --platform cxone-campaigns|genesys-cloud|cxone-skills|all   instead of the standard cases, 200 campaigns
                                      on that platform (or each in turn) at its default pace, the simulator limited to it
                      --batch-size <n> --new-batch-threshold <m>   emulate other host.json queue settings
                      --unknown-limit   instead of the standard cases, the tenant allows 10 requests/s and the service is set to 100
              index   a 500-entry index feed (ATOM, RSS) against the simulator: requests cold and warm, and time;
                      writes bench/results/index-<date>.md (~1 min)
              time-to-pause   a warning at a random moment between two feed polls, until its last pause is answered;
                      p50/p95 over --trials <n> (default 20) at N=1,000 L=100ms R=100; writes bench/results/time-to-pause-<date>.md
              fleet   1, 2 and 4 consumer processes on one queue against one 20 requests/s tenant; writes bench/results/fleet-<date>.md
              cold-run   the operator tool's `run` as a new process, start to exit, at N=1,000 L=100ms R=100; median of --trials <n>
                      (default 5) per variant; --variant name=path[,NAME=VALUE...] (a weathercampaign.dll or apphost, repeatable;
                      default: the Release build and, if published, the linux-x64 ReadyToRun publish); writes bench/results/cold-run-<date>.md
              probe   Azurite's table upsert throughput on this machine (what caps the apply phase here)
              parse   BenchmarkDotNet: the NWS GeoJSON (~20 MB) and ATOM (~600 KB) parsers
              plan    BenchmarkDotNet: planning 50 000 campaigns against 2 000 alerts
              all     cycle, then parse and plan
            """);
        return 2;
}

async Task<int> RunCycleAsync(string[] options)
{
    var only = Option(options, "--only");
    var baseline = !options.Contains("--no-baseline");
    StorageMode[] storages = Option(options, "--storage") switch
    {
        null or "both" => [StorageMode.Azurite, StorageMode.Memory],
        var mode => [Enum.Parse<StorageMode>(mode, ignoreCase: true)],
    };
    var platform = Option(options, "--platform");
    IReadOnlyList<CycleCase> chosen = platform switch
    {
        null when options.Contains("--unknown-limit") => CycleCase.UnknownLimit,
        null => CycleCase.Standard,
        "all" => [.. PlatformOptions.Kinds.Select(CycleCase.AtDefaultPace)],
        _ when PlatformOptions.Kinds.Contains(platform) => [CycleCase.AtDefaultPace(platform)],
        _ => throw new ArgumentException($"--platform {platform}: expected one of {string.Join(", ", PlatformOptions.Kinds)} or all."),
    };
    var cases = chosen.Where(c => only is null || c.Name.Contains(only, StringComparison.OrdinalIgnoreCase)).ToList();
    using var bounded = new CancellationTokenSource(TimeSpan.FromMinutes(20)); // every load loop is bounded; this bounds the run
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; bounded.Cancel(); };
    var clock = Stopwatch.StartNew();

    await using var harness = await CycleHarness.StartAsync(root, bounded.Token);
    if (Option(options, "--batch-size") is { } batchSize && Option(options, "--new-batch-threshold") is { } threshold)
    {
        harness.HostQueues = (int.Parse(batchSize, CultureInfo.InvariantCulture), int.Parse(threshold, CultureInfo.InvariantCulture));
    }

    if (Option(options, "--listing-concurrency") is { } listing)
    {
        harness.ListingConcurrency = int.Parse(listing, CultureInfo.InvariantCulture);
    }

    Console.WriteLine("Warming up (JIT) on a small tenant…");
    foreach (var storage in storages)
    {
        await harness.RunAsync(new CycleCase(80, 0, 1_000, TimeSpan.FromSeconds(10)), storage, baseline: true, _ => { }, bounded.Token);
        foreach (var kind in cases.Select(c => c.Platform).Where(k => k != PlatformOptions.CxoneCampaigns).Distinct())
        {
            await harness.RunAsync(new CycleCase(20, 0, 1_000, TimeSpan.FromSeconds(10), kind), storage, baseline: false, _ => { }, bounded.Token);
        }
    }

    var results = new List<CaseResult>();
    foreach (var @case in cases)
    {
        // The one-at-a-time script writes no storage, so it runs once per case (with the first storage mode).
        foreach (var storage in storages)
        {
            results.Add(await harness.RunAsync(@case, storage, baseline && storage == storages[0], Console.WriteLine, bounded.Token));
        }
    }

    var report = CycleReport.Markdown(results, harness.HostQueues, harness.ListingConcurrency, clock.Elapsed);
    Console.WriteLine();
    Console.WriteLine(report);
    var path = Path.Combine(root, "bench", "results", $"cycle-{DateTime.UtcNow:yyyy-MM-dd}{(platform is null ? "" : "-platform-" + platform)}{(options.Contains("--unknown-limit") ? "-unknown-limit" : "")}.md");
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    await File.WriteAllTextAsync(path, report);
    Console.WriteLine($"Wrote {Path.GetRelativePath(root, path)}");
    return results.All(r => r.First.AllWorkDone && r.Steady.AllWorkDone) ? 0 : 1;
}

async Task<int> RunTimeToPauseAsync(string[] options)
{
    var trials = Option(options, "--trials") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 20;
    using var bounded = new CancellationTokenSource(TimeSpan.FromMinutes(20));
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; bounded.Cancel(); };
    var report = await TimeToPause.RunAsync(root, campaigns: 1_000, latencyMs: 100, requestsPerSecond: 100, trials, bounded.Token);
    Console.WriteLine();
    Console.WriteLine(report);
    var path = Path.Combine(root, "bench", "results", $"time-to-pause-{DateTime.UtcNow:yyyy-MM-dd}.md");
    await File.WriteAllTextAsync(path, report);
    Console.WriteLine($"Wrote {Path.GetRelativePath(root, path)}");
    return report.Contains("paused all", StringComparison.Ordinal) && report.Contains(": yes.", StringComparison.Ordinal) ? 0 : 1;
}

async Task<int> RunColdAsync(string[] options)
{
    var trials = Option(options, "--trials") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 5;
    var variants = options.Select((o, i) => (o, i)).Where(p => p.o == "--variant" && p.i + 1 < options.Length)
        .Select(p => ColdVariant.Parse(options[p.i + 1])).ToList();
    if (variants.Count == 0)
    {
        var cli = Path.Combine(root, "src", "WeatherCampaign.Cli", "bin", "Release", "net10.0");
        variants.Add(new ColdVariant("build", Path.Combine(cli, "weathercampaign.dll"), new Dictionary<string, string>()));
        // `dotnet publish -r linux-x64`: self-contained, one ReadyToRun composite image with the framework (the csproj's default).
        var published = Path.Combine(cli, "linux-x64", "publish", "weathercampaign");
        if (File.Exists(published))
        {
            variants.Add(new ColdVariant("publish-composite", published, new Dictionary<string, string>()));
        }

        // The same with -p:SelfContained=false --artifacts-path artifacts/framework-dependent: ReadyToRun on the shared framework.
        var frameworkDependent = Path.Combine(root, "artifacts", "framework-dependent", "publish", "WeatherCampaign.Cli", "release_linux-x64", "weathercampaign");
        if (File.Exists(frameworkDependent))
        {
            variants.Add(new ColdVariant("publish-r2r", frameworkDependent, new Dictionary<string, string>()));
        }
    }

    using var bounded = new CancellationTokenSource(TimeSpan.FromMinutes(15));
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; bounded.Cancel(); };
    var report = await ColdRun.RunAsync(root, variants, trials, bounded.Token);
    Console.WriteLine();
    Console.WriteLine(report);
    var path = Path.Combine(root, "bench", "results", $"cold-run-{DateTime.UtcNow:yyyy-MM-dd-HHmm}.md");
    await File.WriteAllTextAsync(path, report);
    Console.WriteLine($"Wrote {Path.GetRelativePath(root, path)}");
    return report.Contains("| no |", StringComparison.Ordinal) ? 1 : 0;
}

static string? Option(string[] options, string name)
{
    var index = Array.IndexOf(options, name);
    return index >= 0 && index + 1 < options.Length ? options[index + 1] : null;
}
