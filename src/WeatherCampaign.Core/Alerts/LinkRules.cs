using System.Net;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Settings;

namespace WeatherCampaign.Core.Alerts;

/// <summary>
/// Which links of an index feed are followed: https (http only from a loopback feed to a loopback host), to the feed's own host
/// or one its <c>Weather:Feeds:N:FollowLinksTo</c> lists, never to a private or link-local address; from a replayed (<c>file:</c>)
/// index, only files beside it. A feed must never make the service fetch a URL nobody configured.
/// </summary>
internal static class LinkRules
{
    /// <summary>The start-up check of <c>FollowLinksTo</c>: bare host names, on a feed that can be an index.</summary>
    public static void Validate(FeedOptions feed, string setting, SettingFailures failures)
    {
        if (feed.FollowLinksTo.Count > 0 && feed.Format is not (FeedFormat.Auto or FeedFormat.AtomIndex or FeedFormat.RssIndex))
        {
            failures.Add($"{setting} is set, but the feed's Format is {feed.Format}: only atom-index, rss-index (or auto) feeds follow links.");
        }

        for (var i = 0; i < feed.FollowLinksTo.Count; i++)
        {
            var host = feed.FollowLinksTo[i];
            if (string.IsNullOrWhiteSpace(host) || Uri.CheckHostName(host.Trim()) == UriHostNameType.Unknown)
            {
                failures.Add($"{setting}:{i}", host, "a host name such as cap.example.org (no scheme, port or path)");
            }
        }
    }

    /// <summary>Throws <see cref="FeedReadException"/> saying why (the caller names the link), unless the feed may fetch it.</summary>
    public static async Task CheckAsync(FeedOptions feed, Uri feedUri, Uri link, CancellationToken cancellationToken)
    {
        if (link.IsFile)
        {
            if (!feedUri.IsFile || !IsBeside(feedUri, link))
            {
                throw new FeedReadException("a local file is followed only from a replayed index, and only beside it; refused.");
            }

            return;
        }

        var secure = link.Scheme == Uri.UriSchemeHttps
            || (link.Scheme == Uri.UriSchemeHttp && TransportRule.IsLoopback(link) && !feedUri.IsFile && TransportRule.IsLoopback(feedUri));
        if (!secure)
        {
            throw new FeedReadException("only https links are followed; refused.");
        }

        if (!feedUri.IsFile && string.Equals(link.Host, feedUri.Host, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (!feed.FollowLinksTo.Any(h => string.Equals(h.Trim(), link.Host, StringComparison.OrdinalIgnoreCase)))
        {
            throw new FeedReadException($"on host {CampaignId.ForDisplay(link.Host)}, which its FollowLinksTo setting does not list; refused.");
        }

        var addresses = IPAddress.TryParse(link.DnsSafeHost, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(link.DnsSafeHost, cancellationToken).ConfigureAwait(false);
        if (addresses.Any(FeedRedirects.IsPrivateOrLinkLocal))
        {
            throw new FeedReadException($"on host {CampaignId.ForDisplay(link.Host)}, a private or link-local address; refused.");
        }
    }

    /// <summary>A link as an audit row may show it: control characters replaced, cut to a readable length.</summary>
    public static string Shown(Uri link)
    {
        var text = CampaignId.ForDisplay(link.IsFile ? link.LocalPath : link.AbsoluteUri);
        return text.Length > 200 ? text[..200] + "…" : text;
    }

    private static bool IsBeside(Uri feedUri, Uri link)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(feedUri.LocalPath)) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(link.LocalPath).StartsWith(directory, StringComparison.Ordinal);
    }
}
