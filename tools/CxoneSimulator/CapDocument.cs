using System.Globalization;
using System.Security;

namespace CxoneSimulator;

/// <summary>A CAP 1.2 alert as a national warning service publishes it, for the index feeds the simulator serves.</summary>
public static class CapDocument
{
    public const string ContentType = "application/cap+xml";

    /// <summary>One alert in force from <paramref name="sent"/> for <paramref name="duration"/>, over one geocode (e.g. <c>UGC</c>, <c>FLZ172</c>).</summary>
    public static string Alert(
        string identifier, string @event, string severity, string geocodeName, string geocodeValue, DateTimeOffset sent, TimeSpan duration, string messageType = "Alert")
    {
        var at = sent.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        var expires = (sent + duration).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>{Escape(identifier)}</identifier>
              <sender>simulator@example.org</sender>
              <sent>{at}</sent>
              <status>Actual</status>
              <msgType>{Escape(messageType)}</msgType>
              <scope>Public</scope>
              <info>
                <language>en-US</language>
                <category>Met</category>
                <event>{Escape(@event)}</event>
                <urgency>Immediate</urgency>
                <severity>{Escape(severity)}</severity>
                <certainty>Observed</certainty>
                <effective>{at}</effective>
                <onset>{at}</onset>
                <expires>{expires}</expires>
                <headline>{Escape(@event)}</headline>
                <area>
                  <areaDesc>{Escape(geocodeValue)}</areaDesc>
                  <geocode><valueName>{Escape(geocodeName)}</valueName><value>{Escape(geocodeValue)}</value></geocode>
                </area>
              </info>
            </alert>
            """;
    }

    private static string Escape(string text) => SecurityElement.Escape(text);
}
