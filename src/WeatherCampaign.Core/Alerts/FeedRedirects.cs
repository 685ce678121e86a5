using System.Net;
using System.Net.Sockets;
using WeatherCampaign.Core.Settings;

namespace WeatherCampaign.Core.Alerts;

/// <summary>
/// Where a feed may be redirected: over https (http only from a loopback feed to a loopback address), to the feed's own
/// host or one its <c>Weather:Feeds:N:RedirectHosts</c> lists, and never to a private or link-local address. A feed must
/// never make the service fetch a URL nobody configured, least of all one inside its own network.
/// </summary>
internal static class FeedRedirects
{
    /// <summary>How many redirects one feed request follows.</summary>
    public const int MaxRedirects = 5;

    public static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    /// <summary>The target of a redirect from <paramref name="current"/>, once it is allowed; throws <see cref="FeedReadException"/> saying why not.</summary>
    public static async Task<Uri> CheckAsync(FeedOptions feed, Uri feedUri, Uri current, Uri? location, CancellationToken cancellationToken)
    {
        if (location is null)
        {
            throw new FeedReadException("the feed answered a redirect without a Location.");
        }

        var target = location.IsAbsoluteUri ? location : new Uri(current, location);
        var host = Campaigns.CampaignId.ForDisplay(target.Host);
        var secure = target.Scheme == Uri.UriSchemeHttps
            || (target.Scheme == Uri.UriSchemeHttp && TransportRule.IsLoopback(target) && TransportRule.IsLoopback(feedUri));
        if (!secure)
        {
            throw new FeedReadException($"the feed redirected to {Campaigns.CampaignId.ForDisplay(target.Scheme)}://{host}: only https is followed.");
        }

        if (string.Equals(target.Host, feedUri.Host, StringComparison.OrdinalIgnoreCase))
        {
            return target;
        }

        if (!feed.RedirectHosts.Contains(target.Host, StringComparer.OrdinalIgnoreCase))
        {
            throw new FeedReadException($"the feed redirected to host {host}, which its RedirectHosts setting does not list.");
        }

        var addresses = IPAddress.TryParse(target.DnsSafeHost, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(target.DnsSafeHost, cancellationToken).ConfigureAwait(false);
        if (addresses.Any(IsPrivateOrLinkLocal))
        {
            throw new FeedReadException($"the feed redirected to host {host}, a private or link-local address.");
        }

        return target;
    }

    /// <summary>RFC 1918, carrier-grade NAT, link-local (the cloud metadata endpoint among them), "this network", and IPv6 unique and link-local addresses.</summary>
    public static bool IsPrivateOrLinkLocal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10 || b[0] == 0 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] is >= 64 and <= 127);
    }
}
