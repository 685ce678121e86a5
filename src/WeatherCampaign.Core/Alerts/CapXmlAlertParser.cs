using System.Xml.Linq;
using static WeatherCampaign.Core.Alerts.CapXmlReading;

namespace WeatherCampaign.Core.Alerts;

/// <summary>
/// Reads one Common Alerting Protocol message (CAP 1.1 or 1.2, default namespace or a <c>cap:</c> prefix), as served with
/// <c>application/cap+xml</c> by Environment Canada, the NWS and others.
/// </summary>
/// <remarks>
/// Several <c>info</c> blocks (one per language) make one alert: English text when present, the highest severity, the
/// geocodes of every area (<c>SAME</c>, <c>FIPS6</c>, <c>UGC</c>, <c>EMMA_ID</c>, <c>profile:CAP-CP:Location:0.3</c> →
/// <c>CAP-CP:Location:0.3</c>, any other valueName as written). <c>references</c> (<c>sender,identifier,sent</c> triples)
/// give the identifiers an Update or Cancel supersedes. Enveloped XML signatures and unknown elements are ignored;
/// a DTD is refused.
/// </remarks>
public sealed class CapXmlAlertParser : IAlertFormatParser
{
    public FeedFormat Format => FeedFormat.Cap;

    public bool CanRead(string? mediaType, ReadOnlySpan<byte> head)
    {
        if (FeedSniffer.IsMediaType(mediaType, "application/cap+xml"))
        {
            return true;
        }

        return FeedSniffer.IsGenericMediaType(mediaType, json: false)
            && FeedSniffer.XmlRoot(head) is { LocalName: "alert" } root
            && (root.Namespace.Length == 0 || IsCapNamespace(root.Namespace));
    }

    public IReadOnlyList<WeatherAlert> Parse(ReadOnlyMemory<byte> content, string feedName) =>
        Read(content, feedName, document =>
        {
            var root = document.Root!;
            if (root.Name.LocalName != "alert" || !(IsCapNamespace(root.Name.Namespace) || root.Name.Namespace == XNamespace.None))
            {
                throw new XmlShapeException(root, $"the root element is <{root.Name.LocalName}> in '{root.Name.NamespaceName}', not a CAP 1.1/1.2 <alert>");
            }

            return [ReadAlert(root, feedName)];
        });
}
