namespace WeatherCampaign.Core.Alerts;

/// <summary>One weather feed (<c>Weather:Feeds:N:*</c>), checked with its section by <see cref="WeatherOptionsValidator"/>.</summary>
public sealed class FeedOptions
{
    /// <summary>An http(s) URL, or a <c>file:</c> path for replaying a recorded feed.</summary>
    public string Url { get; set; } = "";
    public FeedFormat Format { get; set; } = FeedFormat.Auto;
    /// <summary>A short name for logs and audit rows; defaults to the URL's host and path.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// The publisher this feed speaks for. An Update or Cancel supersedes only alerts of the same source, so one feed can never
    /// retire another publisher's warning; feeds of one publisher (its API and its ATOM feed) may share a source. Defaults
    /// to the feed itself.
    /// </summary>
    public string? Source { get; set; }

    /// <summary>Hosts other than the feed's own that a redirect may lead to (a CDN, a mirror); none by default.</summary>
    public List<string> RedirectHosts { get; set; } = [];

    /// <summary>
    /// For an index feed (<see cref="FeedFormat.AtomIndex"/>, <see cref="FeedFormat.RssIndex"/>): hosts other than the feed's own
    /// whose CAP documents it may link to; a link to any other host fails the feed. None by default.
    /// </summary>
    public List<string> FollowLinksTo { get; set; } = [];
}
