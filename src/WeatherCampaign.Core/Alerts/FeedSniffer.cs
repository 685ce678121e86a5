using System.Xml;

namespace WeatherCampaign.Core.Alerts;

/// <summary>Recognises a feed's format from its media type and first bytes, for <see cref="FeedFormat.Auto"/>.</summary>
internal static class FeedSniffer
{
    /// <summary>How many leading bytes the reader hands to <see cref="IAlertFormatParser.CanRead"/>.</summary>
    public const int HeadLength = 8 * 1024;

    public static bool IsMediaType(string? mediaType, params ReadOnlySpan<string> candidates)
    {
        var bare = Bare(mediaType);
        foreach (var candidate in candidates)
        {
            if (bare.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Absent, untyped, plain text, or (per <paramref name="json"/>) generic JSON or generic XML.</summary>
    public static bool IsGenericMediaType(string? mediaType, bool json)
    {
        var bare = Bare(mediaType);
        return bare.IsEmpty
            || IsMediaType(mediaType, "application/octet-stream", "binary/octet-stream", "text/plain")
            || (json ? IsMediaType(mediaType, "application/json", "text/json") : IsMediaType(mediaType, "application/xml", "text/xml"));
    }

    public static bool LooksLikeHtml(string? mediaType, ReadOnlySpan<byte> head)
    {
        if (IsMediaType(mediaType, "text/html", "application/xhtml+xml"))
        {
            return true;
        }

        var start = Trimmed(head);
        return StartsWithIgnoreCase(start, "<!doctype html"u8) || StartsWithIgnoreCase(start, "<html"u8);
    }

    public static bool LooksLikeJsonObject(ReadOnlySpan<byte> head)
    {
        var start = Trimmed(head);
        return !start.IsEmpty && start[0] == (byte)'{';
    }

    public static bool LooksLikeXml(ReadOnlySpan<byte> head)
    {
        var start = Trimmed(head);
        return !start.IsEmpty && start[0] == (byte)'<';
    }

    public static bool ContainsJsonProperty(ReadOnlySpan<byte> head, ReadOnlySpan<byte> name)
    {
        Span<byte> quoted = stackalloc byte[name.Length + 2];
        quoted[0] = (byte)'"';
        name.CopyTo(quoted[1..]);
        quoted[^1] = (byte)'"';
        var rest = head;
        while (rest.IndexOf(quoted) is var at and >= 0)
        {
            var after = rest[(at + quoted.Length)..].TrimStart(" \t\r\n"u8);
            if (!after.IsEmpty && after[0] == (byte)':')
            {
                return true;
            }

            rest = rest[(at + quoted.Length)..];
        }

        return false;
    }

    public static bool LooksLikeGeoJson(ReadOnlySpan<byte> head) =>
        head.IndexOf("\"FeatureCollection\""u8) >= 0 || head.IndexOf("\"Feature\""u8) >= 0 || ContainsJsonProperty(head, "features"u8);

    /// <summary>The root element's local name and namespace, or null when the bytes do not start an XML document.</summary>
    public static (string LocalName, string Namespace)? XmlRoot(ReadOnlySpan<byte> head)
    {
        if (!LooksLikeXml(head))
        {
            return null;
        }

        // Only the prologue is read; DTDs are skipped here (never resolved) so the real parser can refuse them by name.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true };
        try
        {
            using var stream = new MemoryStream(head.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, settings);
            return reader.MoveToContent() == XmlNodeType.Element ? (reader.LocalName, reader.NamespaceURI) : null;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static ReadOnlySpan<char> Bare(string? mediaType)
    {
        if (mediaType is null)
        {
            return [];
        }

        var span = mediaType.AsSpan();
        var semicolon = span.IndexOf(';');
        return (semicolon >= 0 ? span[..semicolon] : span).Trim();
    }

    private static ReadOnlySpan<byte> Trimmed(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        return head.TrimStart(" \t\r\n"u8);
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> prefix)
    {
        if (text.Length < prefix.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            var c = text[i];
            if (c is >= (byte)'A' and <= (byte)'Z')
            {
                c = (byte)(c + 32);
            }

            if (c != prefix[i])
            {
                return false;
            }
        }

        return true;
    }
}
