using System.Runtime.InteropServices;
using System.Xml;
using System.Xml.Linq;

namespace WeatherCampaign.Core.Alerts;

/// <summary>
/// Safe XML loading and CAP <c>alert</c> reading shared by the CAP and ATOM parsers. DTDs are refused outright and no
/// external resource is ever resolved.
/// </summary>
internal static class CapXmlReading
{
    public static readonly XNamespace Cap12 = "urn:oasis:names:tc:emergency:cap:1.2";
    public static readonly XNamespace Cap11 = "urn:oasis:names:tc:emergency:cap:1.1";
    public static readonly XNamespace Cap10 = "http://www.incident.com/cap/1.0";
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    public static bool IsCapNamespace(XNamespace ns) => ns == Cap12 || ns == Cap11 || ns == Cap10;

    /// <summary>Loads and reads a document; XML faults and shape faults become <see cref="AlertFeedFormatException"/> with line and column.</summary>
    public static IReadOnlyList<WeatherAlert> Read(ReadOnlyMemory<byte> content, string feedName, Func<XDocument, IReadOnlyList<WeatherAlert>> read) =>
        Read<IReadOnlyList<WeatherAlert>>(content, feedName, read);

    /// <summary>As <see cref="Read(ReadOnlyMemory{byte}, string, Func{XDocument, IReadOnlyList{WeatherAlert}})"/>, for a document that is not alerts itself (an index).</summary>
    public static T Read<T>(ReadOnlyMemory<byte> content, string feedName, Func<XDocument, T> read)
    {
        if (content.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new AlertFeedFormatException(feedName, "the content is empty.", "line 1, column 1");
        }

        XDocument document;
        try
        {
            using var stream = MemoryMarshal.TryGetArray(content, out var segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(content.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, Settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException error)
        {
            var problem = error.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
                ? "the document declares a DTD, which is refused (no entity is expanded or fetched)."
                : "the content is not well-formed XML: " + error.Message;
            // The DTD refusal carries no position of its own, so the declaration is found by hand.
            var (line, column) = error.LineNumber > 0 ? (error.LineNumber, error.LinePosition) : PositionOf(content.Span, "<!DOCTYPE"u8);
            throw new AlertFeedFormatException(feedName, problem, $"line {line}, column {column}", error);
        }

        try
        {
            return read(document);
        }
        catch (XmlShapeException error)
        {
            throw new AlertFeedFormatException(feedName, error.Message, PositionOf(error.At), error);
        }
    }

    private static (int Line, int Column) PositionOf(ReadOnlySpan<byte> content, ReadOnlySpan<byte> marker)
    {
        var at = content.IndexOf(marker);
        if (at < 0)
        {
            return (1, 1);
        }

        var before = content[..at];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (before.Count((byte)'\n') + 1, at - lineStart + 1);
    }

    public static string? PositionOf(XObject node) =>
        node is IXmlLineInfo info && info.HasLineInfo() ? $"line {info.LineNumber}, column {info.LinePosition}" : null;

    /// <summary>Reads one CAP <c>alert</c> element: one <see cref="WeatherAlert"/> whatever the number of <c>info</c> blocks.</summary>
    /// <remarks>
    /// Text (event, headline, urgency, certainty, times) comes from the English <c>info</c> when there is one (CAP's default
    /// language is en-US), else the first; severity is the highest of all; geocodes are those of every area of every info.
    /// </remarks>
    public static WeatherAlert ReadAlert(XElement alert, string feedName)
    {
        var ns = alert.Name.Namespace;
        var identifier = Text(alert, ns + "identifier");
        if (string.IsNullOrWhiteSpace(identifier))
        {
            throw new XmlShapeException(alert, "the CAP alert has no <identifier>");
        }

        var infos = alert.Elements(ns + "info").ToList();
        var main = infos.FirstOrDefault(i => IsEnglish(Text(i, ns + "language"))) ?? infos.FirstOrDefault();
        var sent = Time(alert, ns + "sent");

        return new WeatherAlert
        {
            Id = AlertIdentifiers.Normalize(identifier),
            Feed = feedName,
            Event = main is null ? null : Text(main, ns + "event"),
            Headline = main is null ? null : Text(main, ns + "headline"),
            AreaDescription = main is null ? null : JoinAreas(main.Elements(ns + "area").Select(a => Text(a, ns + "areaDesc"))),
            Severity = infos.Select(i => CapValues.Severity(Text(i, ns + "severity"))).DefaultIfEmpty(AlertSeverity.Unknown).Max(),
            Urgency = CapValues.Urgency(main is null ? null : Text(main, ns + "urgency")),
            Certainty = CapValues.Certainty(main is null ? null : Text(main, ns + "certainty")),
            Status = CapValues.Status(Text(alert, ns + "status")),
            MessageType = CapValues.MessageType(Text(alert, ns + "msgType")),
            Sent = sent,
            Effective = FromInfos(main, infos, ns + "effective") ?? sent,
            Onset = FromInfos(main, infos, ns + "onset"),
            Expires = FromInfos(main, infos, ns + "expires"),
            Ends = EventEnd(main, ns),
            Geocodes = infos.SelectMany(i => i.Elements(ns + "area")).SelectMany(a => a.Elements(ns + "geocode")).SelectMany(Geocodes).Distinct().ToList(),
            References = AlertIdentifiers.FromCapReferences(Text(alert, ns + "references")),
        };
    }

    /// <summary>The (valueName, value) pairs of a geocode element, in order; a value holding a space-separated list gives one pair each.</summary>
    public static IEnumerable<AlertGeocode> Geocodes(XElement geocode)
    {
        string? name = null;
        foreach (var child in geocode.Elements())
        {
            if (child.Name.LocalName == "valueName")
            {
                name = child.Value.Trim();
            }
            else if (child.Name.LocalName == "value" && !string.IsNullOrEmpty(name))
            {
                foreach (var value in child.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                {
                    yield return new AlertGeocode(GeocodeName(name), value);
                }
            }
        }
    }

    /// <summary>Canadian profile names lose their <c>profile:</c> prefix (<c>profile:CAP-CP:Location:0.3</c> → <c>CAP-CP:Location:0.3</c>).</summary>
    public static string GeocodeName(string valueName) =>
        valueName.StartsWith("profile:CAP-CP:", StringComparison.OrdinalIgnoreCase) ? valueName["profile:".Length..] : valueName;

    public static bool IsEnglish(string? language) =>
        string.IsNullOrWhiteSpace(language) || language.Trim().StartsWith("en", StringComparison.OrdinalIgnoreCase);

    public static string? Text(XElement parent, XName name)
    {
        var element = parent.Element(name);
        return element is null || string.IsNullOrWhiteSpace(element.Value) ? null : element.Value.Trim();
    }

    public static DateTimeOffset? Time(XElement parent, XName name)
    {
        var element = parent.Element(name);
        if (element is null)
        {
            return null;
        }

        return CapValues.TryParseTime(element.Value, out var time)
            ? time
            : throw new XmlShapeException(element, $"<{name.LocalName}> is not a date and time: '{element.Value.Trim()}'");
    }

    public static string? JoinAreas(IEnumerable<string?> descriptions)
    {
        var joined = string.Join("; ", descriptions.Where(d => !string.IsNullOrWhiteSpace(d)).Distinct());
        return joined.Length == 0 ? null : joined;
    }

    private static DateTimeOffset? FromInfos(XElement? main, List<XElement> infos, XName name) =>
        (main is null ? null : Time(main, name)) ?? infos.Select(i => Time(i, name)).FirstOrDefault(t => t is not null);

    /// <summary>The NWS puts the event's end in a parameter (<c>eventEndingTime</c>); CAP itself has none.</summary>
    private static DateTimeOffset? EventEnd(XElement? info, XNamespace ns)
    {
        var parameter = info?.Elements(ns + "parameter")
            .FirstOrDefault(p => string.Equals(Text(p, ns + "valueName"), "eventEndingTime", StringComparison.OrdinalIgnoreCase));
        return parameter is null ? null : Time(parameter, ns + "value");
    }
}
