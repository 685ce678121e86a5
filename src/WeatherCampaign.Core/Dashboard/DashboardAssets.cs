using System.Collections.Frozen;

namespace WeatherCampaign.Core.Dashboard;

/// <summary>The page's static files (Dashboard/Assets), embedded in this assembly so every server ships the same page, offline.</summary>
internal static class DashboardAssets
{
    private const string Prefix = "WeatherCampaign.Core.Dashboard.Assets.";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["app.js"] = "text/javascript; charset=utf-8",
        ["app.css"] = "text/css; charset=utf-8",
        ["us-map.json"] = "application/json",
        ["favicon.svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly Lazy<FrozenDictionary<string, byte[]>> Files = new(() => ContentTypes.Keys.ToFrozenDictionary(name => name, Read, StringComparer.Ordinal));

    public static bool TryGet(string name, out byte[] body, out string contentType)
    {
        if (Files.Value.TryGetValue(name, out body!) && ContentTypes.TryGetValue(name, out contentType!))
        {
            return true;
        }

        body = [];
        contentType = "";
        return false;
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream(Prefix + name)
            ?? throw new InvalidOperationException($"The status page's {name} is not embedded in {typeof(DashboardAssets).Assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
