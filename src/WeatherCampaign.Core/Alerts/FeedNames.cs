namespace WeatherCampaign.Core.Alerts;

/// <summary>Where a feed lives and what to call it in logs and audit rows.</summary>
internal static class FeedNames
{
    /// <summary>The configured name, else the URL's host and path (<c>api.weather.gov/alerts/active</c>), else the file name.</summary>
    public static string For(FeedOptions feed)
    {
        if (!string.IsNullOrWhiteSpace(feed.Name))
        {
            return feed.Name.Trim();
        }

        if (TryGetHttpUri(feed.Url, out var uri))
        {
            return uri.Host + uri.AbsolutePath.TrimEnd('/');
        }

        return TryGetFilePath(feed.Url, out var path) ? Path.GetFileName(path) : feed.Url.Trim();
    }

    public static bool TryGetHttpUri(string? url, out Uri uri)
    {
        if (Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps))
        {
            uri = parsed;
            return true;
        }

        uri = null!;
        return false;
    }

    /// <summary>A <c>file:</c> URI's local path, or a plain (absolute or relative) path.</summary>
    public static bool TryGetFilePath(string? url, out string path)
    {
        path = "";
        var trimmed = url?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return false;
        }

        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var uri))
        {
            if (uri.IsFile)
            {
                path = uri.LocalPath;
                return true;
            }

            return false;
        }

        if (trimmed.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            path = trimmed["file:".Length..];
            return path.Length > 0;
        }

        path = trimmed;
        return trimmed.IndexOfAny(Path.GetInvalidPathChars()) < 0;
    }

    public static bool IsNwsApi(FeedOptions feed) =>
        feed.Format == FeedFormat.Nws
        || (TryGetHttpUri(feed.Url, out var uri) && uri.Host.Equals("api.weather.gov", StringComparison.OrdinalIgnoreCase));
}
