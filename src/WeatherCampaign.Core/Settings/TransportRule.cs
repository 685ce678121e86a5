using System.Net;

namespace WeatherCampaign.Core.Settings;

/// <summary>
/// HTTPS for every outside call. Plain http is allowed only to a loopback address (tests, the simulator, the demo), where
/// nothing crosses a network: a configured http URL to any other host is a start-up error naming the setting.
/// </summary>
public static class TransportRule
{
    /// <summary>What a URL setting may be, for the invalid-setting line.</summary>
    public const string Allowed = "an https URL (http only to a loopback address such as 127.0.0.1)";

    /// <summary>Whether <paramref name="uri"/> is https, or http to a loopback address.</summary>
    public static bool Permits(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri));
    }

    /// <summary>Whether <paramref name="uri"/> names this machine: <c>localhost</c> or a loopback address.</summary>
    public static bool IsLoopback(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
    }
}
