using System.Text.RegularExpressions;

namespace WeatherCampaign.Core.Tests.Architecture;

/// <summary>
/// Which namespace of WeatherCampaign.Core uses which, read from the sources: a <c>using</c> (plain, static or alias), a
/// qualified name (<c>Campaigns.CampaignId</c>, <c>WeatherCampaign.Core.Storage.HoldLedger</c>), or, for the root namespace,
/// one of its types named from a folder below it (visible there without a <c>using</c>).
/// </summary>
internal sealed partial class NamespaceGraph
{
    private const string Root = "WeatherCampaign.Core";

    private NamespaceGraph(IReadOnlyDictionary<(string From, string To), IReadOnlyList<string>> edges) => Edges = edges;

    /// <summary>Each edge (short names: <c>Planning</c>, <c>(root)</c>) and the files that make it.</summary>
    public IReadOnlyDictionary<(string From, string To), IReadOnlyList<string>> Edges { get; }

    /// <summary>Builds the graph from (file name, source text) pairs.</summary>
    public static NamespaceGraph Read(IEnumerable<(string File, string Text)> sources)
    {
        var files = sources.Select(s => (s.File, Namespace: NamespaceLine().Match(s.Text).Groups[1].Value, Text: NamespaceLine().Replace(s.Text, "")))
            .Where(f => f.Namespace.Length > 0)
            .ToList();
        var types = files
            .SelectMany(f => TypeDeclaration().Matches(f.Text).Select(m => (f.Namespace, Type: m.Groups[1].Value)))
            .GroupBy(t => t.Namespace)
            .ToDictionary(g => g.Key, g => "(?:" + string.Join("|", g.Select(t => t.Type).Distinct().Order()) + @")\b");

        var edges = new Dictionary<(string, string), List<string>>();
        foreach (var file in files)
        {
            foreach (var (other, typeNames) in types.Where(t => t.Key != file.Namespace))
            {
                var used = Regex.IsMatch(file.Text, $@"^using\s+(?:static\s+)?(?:\w+\s*=\s*)?{Regex.Escape(other)}(?:\s*;|\.{typeNames})", RegexOptions.Multiline)
                    || Regex.IsMatch(file.Text, $@"(?<![\w.]){Regex.Escape(other)}\.{typeNames}")
                    || (other != Root && file.Namespace.StartsWith(Root + ".", StringComparison.Ordinal)
                        && Regex.IsMatch(file.Text, $@"(?<![\w.]){Regex.Escape(Short(other))}\.{typeNames}"))
                    || (other == Root && file.Namespace.StartsWith(Root + ".", StringComparison.Ordinal) && Regex.IsMatch(file.Text, $@"(?<![\w.]){typeNames}"));
                if (used)
                {
                    var key = (Short(file.Namespace), Short(other));
                    if (!edges.TryGetValue(key, out var list))
                    {
                        edges[key] = list = [];
                    }

                    list.Add(file.File);
                }
            }
        }

        return new NamespaceGraph(edges.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value.Order(StringComparer.Ordinal).ToList()));
    }

    /// <summary>The first cycle found (<c>[A, B, A]</c>), or null when there is none.</summary>
    public IReadOnlyList<string>? FindCycle()
    {
        var next = Edges.Keys.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Order(StringComparer.Ordinal).ToList());
        var done = new HashSet<string>();
        var path = new List<string>();

        List<string>? Visit(string node)
        {
            var onPath = path.IndexOf(node);
            if (onPath >= 0)
            {
                return [.. path.Skip(onPath), node];
            }

            if (!done.Add(node))
            {
                return null;
            }

            path.Add(node);
            foreach (var to in next.GetValueOrDefault(node) ?? [])
            {
                if (Visit(to) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            return null;
        }

        return next.Keys.Order(StringComparer.Ordinal).Select(Visit).FirstOrDefault(c => c is not null);
    }

    public override string ToString() =>
        string.Join("\n", Edges.OrderBy(e => e.Key.From, StringComparer.Ordinal).ThenBy(e => e.Key.To, StringComparer.Ordinal)
            .Select(e => $"{e.Key.From} -> {e.Key.To}: {string.Join(", ", e.Value)}"));

    private static string Short(string ns) => ns == Root ? "(root)" : ns[(Root.Length + 1)..];

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^(?:public|internal)\s+(?:(?:sealed|static|abstract|partial|readonly)\s+)*(?:class|record|struct|interface|enum)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();
}
