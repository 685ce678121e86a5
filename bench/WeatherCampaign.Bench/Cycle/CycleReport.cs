using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Platforms;

namespace WeatherCampaign.Bench.Cycle;

/// <summary>The markdown table of a cycle run.</summary>
internal static class CycleReport
{
    public static string Markdown(IReadOnlyList<CaseResult> results, (int BatchSize, int NewBatchThreshold) hostQueues, int? listingConcurrency, TimeSpan total)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"# Cycle benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(inv, $"{Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}. " +
            $"Simulator in-process. Storage azurite: Azurite (in memory) for the queue, the ledger and the audit trail, messages drained as one host instance does " +
            $"with host.json `batchSize` {hostQueues.BatchSize} + `newBatchThreshold` {hostQueues.NewBatchThreshold}. Storage memory: ledger and audit trail in process memory " +
            $"(ETag semantics kept) and the messages applied with the same {hostQueues.BatchSize + hostQueues.NewBatchThreshold} in flight, so the campaign API is what remains. " +
            $"Production defaults (`Cxone:Burst` 10, `ListingConcurrency` " +
            $"{listingConcurrency ?? new CxoneOptions().ListingConcurrency}{(listingConcurrency is null ? "" : " (overridden)")}, `PageSize` 50) " +
            $"with `Cxone:RequestsPerSecond` = R = the simulator's limit (its bucket holds R). Whole run: {total.TotalMinutes:0.0} min; load average at the end {LoadAverage()}.");
        text.AppendLine();
        text.AppendLine("Requests = token + listing pages + GET + PATCH as the simulator counted them (429 answers included); minimal = token (1 when none is cached) + pages + transitions; ratio = wall ÷ (minimal ÷ R).");
        if (results.Any(r => r.Case.Platform != PlatformOptions.CxoneCampaigns))
        {
            text.AppendLine();
            text.AppendLine("On genesys-cloud and cxone-skills the service runs at the platform's default pace (R, `GenesysCloud:RequestsPerSecond` and `CxoneAdmin:RequestsPerSecond` left as shipped, `Burst` 2, `PageSize` 100) " +
                "and the simulator's limit is R. PATCH counts Genesys's PUTs and the skills' stops and starts; on cxone-skills the token figure is token + discovery, and minimal = token + discovery + pages + transitions.");
        }

        text.AppendLine();
        text.AppendLine("| Case | Storage | Cycle | Wall (s) | List+plan (s) | Apply (s) | Requests (tok+pages+GET+PATCH) | Minimal | 429s | Ratio | Max in flight | All done | Outcomes |");
        text.AppendLine("|---|---|---|---:|---:|---:|---|---:|---:|---:|---:|---|---|");
        foreach (var result in results)
        {
            foreach (var m in new[] { result.First, result.Steady })
            {
                text.AppendLine(inv,
                    $"| {result.Case.Name} | {Label(result.Storage)} | {m.Kind} | {m.Wall.TotalSeconds:0.00} | {m.ListAndPlan.TotalSeconds:0.00} | {m.Apply.TotalSeconds:0.00} | {m.Requests} ({m.Tokens}+{m.Pages}+{m.Gets}+{m.Patches}) | {m.Minimal} | {m.TooManyRequests} | {Ratio(m, result.Case)} | {m.MaxInFlight} | {(m.AllWorkDone ? "yes" : "NO")} | {m.Note ?? "none"} |");
            }
        }

        if (results.Any(r => r.Baseline is not null))
        {
            text.AppendLine();
            text.AppendLine("One request at a time (same HttpClient pipeline, pages then PATCHes in sequence, no ledger or audit writes) on the same tenant:");
            text.AppendLine();
            text.AppendLine("| Case | Wall (s) | Requests | Minimal | 429s | Ratio | Speed-up of the service | Note |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|");
            foreach (var result in results.Where(r => r.Baseline is not null))
            {
                var b = result.Baseline!;
                var speedUp = b.Wall.TotalSeconds / result.First.Wall.TotalSeconds;
                text.AppendLine(inv,
                    $"| {result.Case.Name} | {(result.BaselineCapped ? "~" : "")}{b.Wall.TotalSeconds:0.0} | {b.Requests} | {b.Minimal} | {b.TooManyRequests} | {(result.BaselineCapped ? "~" : "")}{Ratio(b, result.Case)} | {(result.BaselineCapped ? "~" : "")}{speedUp:0.0}x | {b.Note ?? "complete"} |");
            }
        }
        return text.ToString();
    }

    private static string Label(StorageMode storage) => storage == StorageMode.Memory ? "memory" : "azurite";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Ratio(CycleMeasurement m, CycleCase @case)
    {
        var ratio = m.Ratio(@case.RequestsPerSecond);
        return double.IsNaN(ratio) ? "n/a" : ratio.ToString("0.00", CultureInfo.InvariantCulture);
    }
}
