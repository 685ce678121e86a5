using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace WeatherCampaign.Bench.Micro;

/// <summary>Runs the BenchmarkDotNet parts in this process (no generated project to build) with a short job, so each takes a minute or two on 2 cores.</summary>
internal static class MicroBenchmarks
{
    public static IReadOnlyList<Summary> Run(string repositoryRoot, params Type[] benchmarks)
    {
        var artifacts = Path.Combine(repositoryRoot, "bench", "BenchmarkDotNet.Artifacts");
        var config = ManualConfig.CreateEmpty()
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("short"))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(ConsoleLogger.Default)
            .AddExporter(MarkdownExporter.GitHub)
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.DisableLogFile);
        var results = Path.Combine(repositoryRoot, "bench", "results");
        Directory.CreateDirectory(results);
        var summaries = new List<Summary>();
        foreach (var type in benchmarks)
        {
            summaries.Add(BenchmarkRunner.Run(type, config));
            var exported = Path.Combine(artifacts, "results", type.FullName + "-report-github.md");
            if (!File.Exists(exported))
            {
                continue;
            }

            var target = Path.Combine(results, $"{type.Name.Replace("Benchmarks", "").ToLowerInvariant()}-{DateTime.UtcNow:yyyy-MM-dd}.md");
            File.Copy(exported, target, overwrite: true);
            Console.WriteLine($"Wrote {Path.GetRelativePath(repositoryRoot, target)}");
        }
        return summaries;
    }
}
