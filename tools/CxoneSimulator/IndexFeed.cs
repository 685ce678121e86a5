using System.Globalization;
using System.Security;
using System.Text;

namespace CxoneSimulator;

/// <summary>How an index feed lists its CAP documents.</summary>
public enum IndexFeedKind { Atom, Rss }

/// <summary>
/// One entry of an index feed: its id, and the CAP document it links to, either the name of another feed the simulator serves
/// (linked relatively, <c>/feeds/{Document}</c>) or an absolute URL; null for an entry with no link at all.
/// </summary>
public sealed record IndexFeedEntry(string Id, string? Document);

/// <summary>Writes the index feeds the simulator serves: ATOM entries linking with <c>rel="related" type="application/cap+xml"</c>, RSS items with <c>link</c>.</summary>
internal static class IndexFeed
{
    public static string ContentType(IndexFeedKind kind) => kind == IndexFeedKind.Atom ? "application/atom+xml" : "application/rss+xml";

    public static string Write(IndexFeedKind kind, string name, IEnumerable<IndexFeedEntry> entries, DateTimeOffset updated)
    {
        var text = new StringBuilder();
        var when = updated.ToString(kind == IndexFeedKind.Atom ? "yyyy-MM-ddTHH:mm:ssZ" : "R", CultureInfo.InvariantCulture);
        if (kind == IndexFeedKind.Atom)
        {
            text.Append(CultureInfo.InvariantCulture, $"""<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><id>urn:simulator:{Escape(name)}</id><title>Simulated CAP index {Escape(name)}</title><updated>{when}</updated>""");
            foreach (var entry in entries)
            {
                var link = entry.Document is null ? "" : $"""<link rel="alternate" type="text/html" href="/index.html"/><link rel="related" type="application/cap+xml" href="{Escape(Href(entry.Document))}"/>""";
                text.Append(CultureInfo.InvariantCulture, $"<entry><id>{Escape(entry.Id)}</id><title>{Escape(entry.Id)}</title><updated>{when}</updated>{link}</entry>");
            }

            return text.Append("</feed>").ToString();
        }

        text.Append(CultureInfo.InvariantCulture, $"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Simulated CAP index {Escape(name)}</title><link>/</link><description>CAP alerts</description><lastBuildDate>{when}</lastBuildDate>""");
        foreach (var entry in entries)
        {
            var link = entry.Document is null ? "" : $"<link>{Escape(Href(entry.Document))}</link>";
            text.Append(CultureInfo.InvariantCulture, $"""<item><title>{Escape(entry.Id)}</title>{link}<guid isPermaLink="false">{Escape(entry.Id)}</guid><pubDate>{when}</pubDate></item>""");
        }

        return text.Append("</channel></rss>").ToString();
    }

    private static string Href(string document) => document.Contains("://", StringComparison.Ordinal) ? document : Uri.EscapeDataString(document);

    private static string Escape(string text) => SecurityElement.Escape(text);
}
