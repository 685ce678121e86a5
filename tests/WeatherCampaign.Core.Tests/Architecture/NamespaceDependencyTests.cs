namespace WeatherCampaign.Core.Tests.Architecture;

/// <summary>The folders of WeatherCampaign.Core (one namespace each) use each other in one direction only.</summary>
[TestClass]
public sealed class NamespaceDependencyTests
{
    public TestContext TestContext { get; set; } = null!;

    private static IEnumerable<(string File, string Text)> CoreSources()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WeatherCampaign.Functions.sln")))
        {
            directory = directory.Parent;
        }

        Assert.IsNotNull(directory, "the repository root (WeatherCampaign.Functions.sln) above " + AppContext.BaseDirectory);
        var core = Path.Combine(directory.FullName, "src", "WeatherCampaign.Core");
        return Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => (Path.GetRelativePath(core, path), File.ReadAllText(path)));
    }

    [TestMethod]
    public void Core_namespaces_depend_on_each_other_without_a_cycle()
    {
        var graph = NamespaceGraph.Read(CoreSources());
        TestContext.WriteLine(graph.ToString());

        var cycle = graph.FindCycle();

        Assert.IsNull(cycle, cycle is null ? "" : $"cycle {string.Join(" -> ", cycle)}:\n{graph}");
        Assert.IsTrue(graph.Edges.ContainsKey(("Planning", "Alerts")), "the graph is read at all:\n" + graph);
    }

    [TestMethod]
    public void A_using_a_qualified_name_or_a_root_type_each_make_an_edge_and_a_loop_of_them_is_a_cycle()
    {
        var graph = NamespaceGraph.Read(
        [
            ("Root.cs", "namespace WeatherCampaign.Core;\npublic static class Registration { }"),
            ("A/A.cs", "using WeatherCampaign.Core.B;\nnamespace WeatherCampaign.Core.A;\npublic sealed class Alpha { }"),
            ("B/B.cs", "namespace WeatherCampaign.Core.B;\npublic sealed class Beta { C.Gamma? G; }"),
            ("C/C.cs", "namespace WeatherCampaign.Core.C;\npublic sealed class Gamma { void F() => Registration.ToString(); }"),
        ]);

        CollectionAssert.AreEquivalent(new[] { ("A", "B"), ("B", "C"), ("C", "(root)") }, graph.Edges.Keys.ToArray());
        Assert.IsNull(graph.FindCycle());

        var looped = NamespaceGraph.Read(
        [
            ("A/A.cs", "using WeatherCampaign.Core.B;\nnamespace WeatherCampaign.Core.A;\npublic sealed class Alpha { }"),
            ("B/B.cs", "namespace WeatherCampaign.Core.B;\npublic sealed class Beta { WeatherCampaign.Core.A.Alpha? A; }"),
        ]);

        CollectionAssert.AreEqual(new[] { "A", "B", "A" }, looped.FindCycle()!.ToArray());
    }
}
