using System.Text.Json.Nodes;
using WeatherCampaign.Infra.Tests.Infrastructure;

namespace WeatherCampaign.Infra.Tests;

/// <summary>The saved queries in <c>infra/queries</c> ("what did the service do in the last storm") are deployed to the workspace as they are in the repository.</summary>
[TestClass]
public sealed class SavedQueryTests
{
    private static readonly string[] Queries = Directory.GetFiles(Path.Combine(Repository.Infra, "queries"), "*.kql");

    [TestMethod]
    public void Every_query_file_is_a_saved_search_of_the_workspace_word_for_word()
    {
        var search = CompiledInfrastructure.Instance.Main.Single("Microsoft.OperationalInsights/workspaces/savedSearches");
        var strings = Strings(CompiledInfrastructure.Instance.Main.Json).ToHashSet(StringComparer.Ordinal);

        Assert.HasCount(4, Queries);
        Assert.AreEqual("[length(variables('savedQueries'))]", search.Json["copy"]!["count"]!.ToString());
        Assert.HasCount(Queries.Length, search.Deployment.Template["variables"]!["savedQueries"]!.AsArray());
        Assert.AreEqual("WeatherCampaign", search.Text("category"));
        foreach (var query in Queries)
        {
            Assert.Contains(File.ReadAllText(query), strings, Path.GetFileName(query));
        }
    }

    [TestMethod]
    public void The_queries_read_the_metrics_the_service_emits_and_the_workspace_tables_of_application_insights()
    {
        var text = string.Join("\n", Queries.Select(File.ReadAllText));

        foreach (var metric in new[] { "weathercampaign.interventions", "weathercampaign.campaign_api.throttled", "weathercampaign.campaign_api.pace" })
        {
            Assert.Contains($"\"{metric}\"", text);
        }

        Assert.Contains("AppTraces", text);
        Assert.Contains("AppDependencies", text);
        Assert.Contains("Intervention failed", text, "the poison handler's error log, as the alert reads it");
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue(out string? s) => [s],
        _ => [],
    };
}
