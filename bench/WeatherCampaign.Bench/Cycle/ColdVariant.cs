namespace WeatherCampaign.Bench.Cycle;

/// <summary>One way of starting the operator tool: a build's <c>weathercampaign.dll</c> (through <c>dotnet</c>) or an apphost, with extra environment variables.</summary>
internal sealed record ColdVariant(string Name, string Path, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary><c>name=path</c> or <c>name=path,DOTNET_TieredPGO=0,...</c>.</summary>
    public static ColdVariant Parse(string text)
    {
        var nameAndRest = text.Split('=', 2);
        if (nameAndRest.Length != 2)
        {
            throw new ArgumentException($"--variant {text}: expected name=path[,NAME=VALUE...].");
        }

        var parts = nameAndRest[1].Split(',');
        var environment = parts.Skip(1).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);
        return new ColdVariant(nameAndRest[0], parts[0], environment);
    }

    public string Describe() => Environment.Count == 0 ? Path : Path + " with " + string.Join(" ", Environment.Select(e => $"{e.Key}={e.Value}"));
}
