using System.Globalization;
using System.Text;
using System.Xml;

namespace WeatherCampaign.Bench.Data;

/// <summary>
/// Writes an ATOM-of-CAP feed in the legacy NWS style (<c>alerts.weather.gov/cap/us.atom</c>): one entry per alert with
/// <c>cap:event</c>, <c>cap:severity</c>, <c>cap:geocode</c> (FIPS6 and UGC lists) and a summary. Deterministic.
/// </summary>
internal static class AtomFeedGenerator
{
    private const string Atom = "http://www.w3.org/2005/Atom";
    private const string Cap = "urn:oasis:names:tc:emergency:cap:1.1";

    public static byte[] Generate(int entries, DateTimeOffset now, int seed = 5)
    {
        var random = new Random(seed);
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument(standalone: true);
            xml.WriteStartElement("feed", Atom);
            xml.WriteAttributeString("xmlns", "cap", null, Cap);
            xml.WriteElementString("id", Atom, "https://alerts.weather.gov/cap/us.atom");
            xml.WriteElementString("generator", Atom, "NWS CAP Server");
            xml.WriteElementString("updated", Atom, Time(now));
            xml.WriteElementString("title", Atom, "Current Watches, Warnings and Advisories for the United States Issued by the National Weather Service");
            for (var i = 0; i < entries; i++)
            {
                var (state, fips) = UsStates.All[random.Next(UsStates.All.Length)];
                var severe = random.Next(2) == 0;
                var @event = severe ? "Winter Storm Warning" : "Wind Advisory";
                var id = string.Create(CultureInfo.InvariantCulture, $"https://alerts.weather.gov/cap/wwacapget.php?x={state}{random.NextInt64(0x1000000000, 0xFFFFFFFFFF):X}.{@event.Replace(" ", "")}.{i:D6}");
                var zones = Enumerable.Range(0, random.Next(2, 10)).Select(_ => string.Create(CultureInfo.InvariantCulture, $"{state}Z{random.Next(1, 200):D3}")).Distinct().ToList();
                var sent = now.AddMinutes(-random.Next(10, 300));

                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, id);
                xml.WriteElementString("updated", Atom, Time(sent));
                xml.WriteElementString("published", Atom, Time(sent));
                xml.WriteStartElement("author", Atom);
                xml.WriteElementString("name", Atom, "w-nws.webmaster@noaa.gov");
                xml.WriteEndElement();
                xml.WriteElementString("title", Atom, $"{@event} issued {Time(sent)} by NWS");
                xml.WriteStartElement("link", Atom);
                xml.WriteAttributeString("href", id);
                xml.WriteEndElement();
                xml.WriteElementString("summary", Atom, NwsFeedGenerator.Text(random, 200 + random.Next(300)));
                xml.WriteElementString("event", Cap, @event);
                xml.WriteElementString("effective", Cap, Time(sent));
                xml.WriteElementString("expires", Cap, Time(now.AddHours(random.Next(2, 30))));
                xml.WriteElementString("status", Cap, "Actual");
                xml.WriteElementString("msgType", Cap, "Alert");
                xml.WriteElementString("category", Cap, "Met");
                xml.WriteElementString("urgency", Cap, "Expected");
                xml.WriteElementString("severity", Cap, severe ? "Severe" : "Moderate");
                xml.WriteElementString("certainty", Cap, "Likely");
                xml.WriteElementString("areaDesc", Cap, string.Join("; ", zones.Select(z => "Zone " + z)));
                xml.WriteElementString("polygon", Cap, "");
                xml.WriteStartElement("geocode", Cap);
                xml.WriteElementString("valueName", Atom, "FIPS6");
                xml.WriteElementString("value", Atom, string.Join(' ', zones.Select(z => "0" + fips + z[3..])));
                xml.WriteElementString("valueName", Atom, "UGC");
                xml.WriteElementString("value", Atom, string.Join(' ', zones));
                xml.WriteEndElement();
                xml.WriteStartElement("parameter", Cap);
                xml.WriteElementString("valueName", Atom, "VTEC");
                xml.WriteElementString("value", Atom, string.Create(CultureInfo.InvariantCulture, $"/O.NEW.K{state}X.WS.W.{i % 10000:D4}.{sent:yyMMdd'T'HHmm'Z'}-{now.AddHours(12):yyMMdd'T'HHmm'Z'}/"));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return stream.ToArray();
    }

    private static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
