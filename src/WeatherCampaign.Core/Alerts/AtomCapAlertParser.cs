using System.Xml.Linq;
using static WeatherCampaign.Core.Alerts.CapXmlReading;

namespace WeatherCampaign.Core.Alerts;

/// <summary>
/// Reads an ATOM feed whose entries carry CAP: the legacy NWS style (<c>cap:event</c>, <c>cap:effective</c>,
/// <c>cap:expires</c>, <c>cap:severity</c>, <c>cap:status</c>, <c>cap:msgType</c>, <c>cap:geocode</c> with several
/// valueName/value pairs whose values may be space-separated lists), the MeteoAlarm style (<c>cap:identifier</c>,
/// <c>cap:message_type</c>, <c>cap:areaDesc</c>, <c>cap:geocode</c> with <c>EMMA_ID</c>), and entries embedding a whole
/// CAP <c>alert</c>.
/// </summary>
/// <remarks>
/// Entries with the same identifier (<c>cap:identifier</c>, else the entry's <c>id</c>) are one alert fanned out over
/// languages or areas, and are merged: geocodes united, severity the highest, text from the English entry when there is one.
/// Entries with no CAP content at all (the NWS "no active alerts" entry) are not alerts and are skipped.
/// </remarks>
public sealed class AtomCapAlertParser : IAlertFormatParser
{
    public FeedFormat Format => FeedFormat.Atom;

    public bool CanRead(string? mediaType, ReadOnlySpan<byte> head)
    {
        if (FeedSniffer.IsMediaType(mediaType, "application/atom+xml"))
        {
            return true;
        }

        return FeedSniffer.IsGenericMediaType(mediaType, json: false)
            && FeedSniffer.XmlRoot(head) is { LocalName: "feed" } root
            && root.Namespace == Atom.NamespaceName;
    }

    public IReadOnlyList<WeatherAlert> Parse(ReadOnlyMemory<byte> content, string feedName) =>
        Read(content, feedName, document =>
        {
            var root = document.Root!;
            if (root.Name != Atom + "feed")
            {
                throw new XmlShapeException(root, $"the root element is <{root.Name.LocalName}> in '{root.Name.NamespaceName}', not an ATOM <feed>");
            }

            var parts = root.Elements(Atom + "entry").Select(entry => ReadEntry(entry, feedName)).OfType<EntryAlert>();
            return parts.GroupBy(p => p.Alert.Id, StringComparer.Ordinal).Select(Merge).ToList();
        });

    private static EntryAlert? ReadEntry(XElement entry, string feedName)
    {
        var embedded = entry.Descendants().FirstOrDefault(e => e.Name.LocalName == "alert" && IsCapNamespace(e.Name.Namespace));
        if (embedded is not null)
        {
            var language = embedded.Elements(embedded.Name.Namespace + "info").Select(i => Text(i, embedded.Name.Namespace + "language")).FirstOrDefault();
            return new EntryAlert(ReadAlert(embedded, feedName), IsEnglish(language));
        }

        var cap = entry.Elements().Where(e => IsCapNamespace(e.Name.Namespace)).ToList();
        if (cap.Count == 0)
        {
            return null;
        }

        var ns = cap[0].Name.Namespace;
        var identifier = Text(entry, ns + "identifier") ?? Text(entry, Atom + "id");
        if (string.IsNullOrWhiteSpace(identifier))
        {
            throw new XmlShapeException(entry, "the entry has neither <cap:identifier> nor <id>");
        }

        var sent = Time(entry, ns + "sent") ?? Time(entry, Atom + "published") ?? Time(entry, Atom + "updated");
        var entryLanguage = Text(entry, ns + "language") ?? entry.Attribute(XNamespace.Xml + "lang")?.Value;
        var alert = new WeatherAlert
        {
            Id = AlertIdentifiers.Normalize(identifier),
            Feed = feedName,
            Event = Text(entry, ns + "event"),
            Headline = Text(entry, ns + "headline") ?? Text(entry, Atom + "title"),
            AreaDescription = JoinAreas(entry.Elements(ns + "areaDesc").Select(a => a.Value.Trim())),
            Severity = CapValues.Severity(Text(entry, ns + "severity")),
            Urgency = CapValues.Urgency(Text(entry, ns + "urgency")),
            Certainty = CapValues.Certainty(Text(entry, ns + "certainty")),
            Status = CapValues.Status(Text(entry, ns + "status")),
            MessageType = CapValues.MessageType(Text(entry, ns + "msgType") ?? Text(entry, ns + "message_type")),
            Sent = sent,
            Effective = Time(entry, ns + "effective") ?? sent,
            Onset = Time(entry, ns + "onset"),
            Expires = Time(entry, ns + "expires"),
            Geocodes = entry.Elements(ns + "geocode").SelectMany(Geocodes).Distinct().ToList(),
            References = AlertIdentifiers.FromCapReferences(Text(entry, ns + "references")),
        };
        return new EntryAlert(alert, IsEnglish(entryLanguage));
    }

    private static WeatherAlert Merge(IGrouping<string, EntryAlert> parts)
    {
        var all = parts.ToList();
        var main = (all.FirstOrDefault(p => p.IsEnglish) ?? all[0]).Alert;
        return main with
        {
            Severity = all.Max(p => p.Alert.Severity),
            AreaDescription = JoinAreas(all.Select(p => p.Alert.AreaDescription).Prepend(main.AreaDescription)),
            Geocodes = all.SelectMany(p => p.Alert.Geocodes).Distinct().ToList(),
            References = all.SelectMany(p => p.Alert.References).Distinct(StringComparer.Ordinal).ToList(),
            Onset = main.Onset ?? all.Select(p => p.Alert.Onset).FirstOrDefault(t => t is not null),
            Expires = main.Expires ?? all.Select(p => p.Alert.Expires).FirstOrDefault(t => t is not null),
        };
    }

    private sealed record EntryAlert(WeatherAlert Alert, bool IsEnglish);
}
