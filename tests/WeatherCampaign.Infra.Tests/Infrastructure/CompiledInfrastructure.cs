using System.Text.Json.Nodes;

namespace WeatherCampaign.Infra.Tests.Infrastructure;

/// <summary>
/// Every .bicep and .bicepparam file under infra/, built and linted once per test run into a temporary folder,
/// and the compiled ARM template of main.bicep ready to inspect.
/// </summary>
internal sealed class CompiledInfrastructure
{
    private static readonly Lazy<CompiledInfrastructure> Shared = new(Compile, LazyThreadSafetyMode.ExecutionAndPublication);

    private CompiledInfrastructure(string outputDirectory, IReadOnlyList<BicepRun> runs)
    {
        OutputDirectory = outputDirectory;
        Runs = runs;
    }

    public static CompiledInfrastructure Instance => Shared.Value;

    public static bool IsCompiled => Shared.IsValueCreated;

    public string OutputDirectory { get; }

    /// <summary>Each build, build-params and lint run, one per file and command.</summary>
    public IReadOnlyList<BicepRun> Runs { get; }

    public ArmTemplate Main => new(ReadJson(OutputFor(Path.Combine(Repository.Infra, "main.bicep"))));

    /// <summary>What main.bicepparam compiles to: an ARM deployment parameters file.</summary>
    public JsonObject MainParameters => ReadJson(OutputFor(Path.Combine(Repository.Infra, "main.bicepparam")));

    /// <summary>What prod.bicepparam compiles to.</summary>
    public JsonObject ProdParameters => ReadJson(OutputFor(Path.Combine(Repository.Infra, "prod.bicepparam")));

    /// <summary>main.bicep as deployed with main.bicepparam (dev): its values in place of the defaults.</summary>
    public ArmTemplate Dev => new(ReadJson(OutputFor(Path.Combine(Repository.Infra, "main.bicep"))), MainParameters);

    /// <summary>main.bicep as deployed with prod.bicepparam.</summary>
    public ArmTemplate Prod => new(ReadJson(OutputFor(Path.Combine(Repository.Infra, "main.bicep"))), ProdParameters);

    public string OutputFor(string sourceFile) =>
        Path.Combine(OutputDirectory, Path.GetRelativePath(Repository.Infra, sourceFile) + ".json");

    private static CompiledInfrastructure Compile()
    {
        var output = Directory.CreateTempSubdirectory("weathercampaign-infra-").FullName;
        var templates = Directory.EnumerateFiles(Repository.Infra, "*.bicep", SearchOption.AllDirectories);
        var parameterFiles = Directory.EnumerateFiles(Repository.Infra, "*.bicepparam", SearchOption.AllDirectories);

        var work = new List<Func<BicepRun>>();
        foreach (var template in templates)
        {
            var target = Path.Combine(output, Path.GetRelativePath(Repository.Infra, template) + ".json");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            work.Add(() => BicepCli.Run("build", template, "--outfile", target));
            work.Add(() => BicepCli.Run("lint", template));
        }

        foreach (var parameterFile in parameterFiles)
        {
            var target = Path.Combine(output, Path.GetRelativePath(Repository.Infra, parameterFile) + ".json");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            work.Add(() => BicepCli.Run("build-params", parameterFile, "--outfile", target));
            work.Add(() => BicepCli.Run("lint", parameterFile));
        }

        var runs = new BicepRun[work.Count];
        Parallel.For(0, work.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => runs[i] = work[i]());
        return new CompiledInfrastructure(output, runs);
    }

    private static JsonObject ReadJson(string path)
    {
        if (!File.Exists(path))
        {
            throw new AssertFailedException($"{path} was not produced; see the Bicep diagnostics test for why.");
        }

        return JsonNode.Parse(File.ReadAllText(path))?.AsObject()
            ?? throw new AssertFailedException($"{path} is not a JSON object.");
    }
}
