using System.Runtime.InteropServices;
using System.Xml;
using System.Xml.Linq;
using static WeatherCampaign.Core.Alerts.CapXmlReading;

namespace WeatherCampaign.Core.Alerts;

/// <summary>One entry of an index feed: its ATOM <c>id</c> or RSS <c>guid</c>, and the CAP document it links to.</summary>
internal sealed record IndexEntry(string? Id, Uri Link);

/// <summary>What an index feed lists: the entries that link to a CAP document, and how many entries did not.</summary>
internal sealed record CapIndex(FeedFormat Format, IReadOnlyList<IndexEntry> Entries, int Skipped);

/// <summary>
/// Reads an ATOM or RSS 2.0 index of CAP documents (the USGS, NAAD, SACHET and WMO style), with the XML safety of
/// <see cref="CapXmlReading"/>. Which link counts:
/// ATOM: a <c>link</c> with <c>rel</c> alternate (the default) or related and <c>type="application/cap+xml"</c>; else one of those
/// rels with no type or a generic XML type, a document that must turn out to be CAP. RSS: an <c>enclosure</c> typed CAP, else
/// the item's <c>link</c>, else any other non-HTML <c>enclosure</c>. Relative links resolve against the feed's URL.
/// </summary>
/// <remarks>
/// An entry with no such link is skipped and counted. An index whose entries all lack one is refused: it is not an index
/// of CAP documents (an RSS news feed, an ATOM feed of web pages), and reading it as zero alerts would resume campaigns.
/// </remarks>
internal static class CapIndexParser
{
    private const string CapMediaType = "application/cap+xml";

    public static CapIndex Parse(ReadOnlyMemory<byte> content, string feedName, Uri baseUri, FeedFormat format) =>
        Read(content, feedName, document =>
        {
            var root = document.Root!;
            return format switch
            {
                FeedFormat.AtomIndex when root.Name == Atom + "feed" => Index(format, root.Elements(Atom + "entry"), "entries", e => AtomLink(e, baseUri), e => Text(e, Atom + "id")),
                FeedFormat.RssIndex when root.Name == "rss" && root.Element("channel") is { } channel
                    => Index(format, channel.Elements("item"), "items", e => RssLink(e, baseUri), e => Text(e, "guid")),
                FeedFormat.AtomIndex => throw new XmlShapeException(root, $"the root element is <{root.Name.LocalName}> in '{root.Name.NamespaceName}', not an ATOM <feed>"),
                FeedFormat.RssIndex => throw new XmlShapeException(root, $"the root element is <{root.Name.LocalName}>, not an RSS 2.0 <rss> with a <channel>"),
                _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not an index format"),
            };
        });

    /// <summary>
    /// For <see cref="FeedFormat.Auto"/>: <see cref="FeedFormat.RssIndex"/> for an RSS feed with an item that links somewhere,
    /// <see cref="FeedFormat.AtomIndex"/> for an ATOM feed whose entries carry no CAP of their own but link to some; else null.
    /// An RSS feed with no link at all (news, or an index empty right now) is left unrecognised: only an explicit
    /// <c>rss-index</c> reads it, as zero alerts.
    /// </summary>
    public static FeedFormat? Recognise(string? mediaType, ReadOnlyMemory<byte> content)
    {
        var head = content.Span[..Math.Min(content.Length, FeedSniffer.HeadLength)];
        var root = FeedSniffer.XmlRoot(head);
        var rss = root is { LocalName: "rss", Namespace: "" };
        var atom = root is { LocalName: "feed" } && root.Value.Namespace == Atom.NamespaceName;
        if (!rss && !atom)
        {
            return null;
        }

        // The whole document decides: inline CAP (legacy NWS, MeteoAlarm) anywhere means the ATOM parser reads it.
        var document = TryLoad(content);
        if (document?.Root is not { } feed)
        {
            return null;
        }

        if (rss)
        {
            var items = feed.Element("channel")?.Elements("item") ?? [];
            return items.Any(i => !string.IsNullOrWhiteSpace(i.Element("link")?.Value) || i.Elements("enclosure").Any(e => MayBeCap((string?)e.Attribute("type"))))
                ? FeedFormat.RssIndex
                : null;
        }

        var entries = feed.Elements(Atom + "entry").ToList();
        var inline = entries.Any(e => e.Elements().Any(c => IsCapNamespace(c.Name.Namespace)) || e.Descendants().Any(d => d.Name.LocalName == "alert" && IsCapNamespace(d.Name.Namespace)));
        return !inline && entries.Any(e => CandidateAtomLinks(e).Any()) ? FeedFormat.AtomIndex : null;
    }

    private static CapIndex Index(FeedFormat format, IEnumerable<XElement> elements, string noun, Func<XElement, Uri?> link, Func<XElement, string?> id)
    {
        var entries = new List<IndexEntry>();
        var skipped = 0;
        foreach (var element in elements)
        {
            if (link(element) is { } uri)
            {
                entries.Add(new IndexEntry(id(element), uri));
            }
            else
            {
                skipped++;
            }
        }

        if (entries.Count == 0 && skipped > 0)
        {
            throw new XmlShapeException(elements.First(), $"none of its {skipped} {noun} links to a CAP document, so it is not an index of CAP documents"
                + (format == FeedFormat.RssIndex ? " (RSS is read only as such an index)" : ""));
        }

        return new CapIndex(format, entries, skipped);
    }

    private static Uri? AtomLink(XElement entry, Uri baseUri)
    {
        var candidates = CandidateAtomLinks(entry).ToList();
        var chosen = candidates.FirstOrDefault(l => FeedSniffer.IsMediaType((string?)l.Attribute("type"), CapMediaType)) ?? candidates.FirstOrDefault();
        return chosen is null ? null : Resolve(chosen, (string)chosen.Attribute("href")!, baseUri);
    }

    private static IEnumerable<XElement> CandidateAtomLinks(XElement entry) =>
        entry.Elements(Atom + "link").Where(l =>
            !string.IsNullOrWhiteSpace((string?)l.Attribute("href"))
            && ((string?)l.Attribute("rel") ?? "alternate").Trim() is var rel
            && (rel.Equals("alternate", StringComparison.OrdinalIgnoreCase) || rel.Equals("related", StringComparison.OrdinalIgnoreCase))
            && MayBeCap((string?)l.Attribute("type")));

    private static Uri? RssLink(XElement item, Uri baseUri)
    {
        var enclosures = item.Elements("enclosure").Where(e => !string.IsNullOrWhiteSpace((string?)e.Attribute("url"))).ToList();
        if (enclosures.FirstOrDefault(e => FeedSniffer.IsMediaType((string?)e.Attribute("type"), CapMediaType)) is { } cap)
        {
            return Resolve(cap, (string)cap.Attribute("url")!, baseUri);
        }

        if (item.Element("link") is { } link && !string.IsNullOrWhiteSpace(link.Value))
        {
            return Resolve(link, link.Value, baseUri);
        }

        return enclosures.FirstOrDefault(e => MayBeCap((string?)e.Attribute("type"))) is { } other
            ? Resolve(other, (string)other.Attribute("url")!, baseUri)
            : null;
    }

    /// <summary>CAP itself, no type, or a generic XML type; never HTML, images or anything else a CAP document is not.</summary>
    private static bool MayBeCap(string? type) =>
        string.IsNullOrWhiteSpace(type) || FeedSniffer.IsMediaType(type, CapMediaType, "application/xml", "text/xml");

    private static Uri Resolve(XElement at, string href, Uri baseUri) =>
        Uri.TryCreate(baseUri, href.Trim(), out var uri)
            ? uri
            : throw new XmlShapeException(at, $"the link '{Campaigns.CampaignId.ForDisplay(href.Trim())}' is not a URL");

    private static XDocument? TryLoad(ReadOnlyMemory<byte> content)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true };
        try
        {
            using var stream = MemoryMarshal.TryGetArray(content, out var segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(content.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, settings);
            return XDocument.Load(reader);
        }
        catch (XmlException)
        {
            // The parser the feed falls to reports the fault with its position.
            return null;
        }
    }
}
