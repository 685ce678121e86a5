using System.Text.Json.Nodes;
using WeatherCampaign.Infra.Tests.Infrastructure;

namespace WeatherCampaign.Infra.Tests;

[TestClass]
public sealed class BicepDiagnosticsTests
{
    [TestMethod]
    public void Every_bicep_file_builds_without_warnings_or_errors() =>
        AssertClean(run => run.Command == "build", expectedAtLeast: 2);

    [TestMethod]
    public void Every_parameter_file_builds_without_warnings_or_errors() =>
        AssertClean(run => run.Command == "build-params", expectedAtLeast: 1);

    [TestMethod]
    public void Linter_finds_nothing_in_any_file() =>
        AssertClean(run => run.Command == "lint", expectedAtLeast: 3);

    [TestMethod]
    public void Bicepconfig_makes_linter_findings_fail_the_build()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Infra, "bicepconfig.json")))!;
        var rules = config["analyzers"]!["core"]!["rules"]!.AsObject();

        Assert.IsTrue(config["analyzers"]!["core"]!["enabled"]!.GetValue<bool>());
        foreach (var rule in new[] { "no-unused-params", "outputs-should-not-contain-secrets", "secure-parameter-default", "use-secure-value-for-secure-inputs", "no-hardcoded-env-urls", "use-recent-api-versions" })
        {
            var level = rules[rule]?["level"]?.ToString();
            Assert.IsTrue(level is "error" or "warning", $"{rule} is '{level}', expected error or warning.");
        }
    }

    [TestMethod]
    public void Parameter_file_holds_no_secret_values()
    {
        var parameters = CompiledInfrastructure.Instance.MainParameters["parameters"]!.AsObject();

        foreach (var (name, _) in parameters)
        {
            Assert.DoesNotContain("secret", name, StringComparison.OrdinalIgnoreCase, $"Parameter file sets {name}.");
            Assert.DoesNotContain("password", name, StringComparison.OrdinalIgnoreCase, $"Parameter file sets {name}.");
        }
    }

    private static void AssertClean(Func<BicepRun, bool> which, int expectedAtLeast)
    {
        var runs = CompiledInfrastructure.Instance.Runs.Where(which).ToList();

        Assert.IsGreaterThanOrEqualTo(expectedAtLeast, runs.Count, "Fewer Bicep files than expected were found under infra/.");
        var dirty = runs.Where(run => !run.IsClean).ToList();
        Assert.IsEmpty(dirty, string.Join(Environment.NewLine, dirty));
    }
}
