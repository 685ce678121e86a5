using WeatherCampaign.Core.Alerts;

namespace WeatherCampaign.Core.Tests.Alerts;

[TestClass]
public sealed class AtomCapAlertParserTests
{
    private const string AtomHead = """<feed xmlns="http://www.w3.org/2005/Atom" xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2">""";

    private readonly AtomCapAlertParser _parser = new();

    [TestMethod]
    public void Legacy_nws_entries_become_alerts()
    {
        var alerts = _parser.Parse(FixtureFiles.Bytes("Atom/nws-legacy.xml"), "nws-atom");

        Assert.HasCount(2, alerts);
        var storm = alerts[0];
        Assert.AreEqual("Winter Storm Warning", storm.Event);
        StringAssert.StartsWith(storm.Headline, "Winter Storm Warning issued");
        Assert.AreEqual(AlertSeverity.Severe, storm.Severity);
        Assert.AreEqual(AlertStatus.Actual, storm.Status);
        Assert.AreEqual(AlertMessageType.Alert, storm.MessageType);
        Assert.AreEqual(new DateTimeOffset(2025, 1, 20, 4, 10, 0, TimeSpan.FromHours(-5)), storm.Effective);
        Assert.AreEqual(new DateTimeOffset(2025, 1, 21, 12, 0, 0, TimeSpan.FromHours(-5)), storm.Expires);
        Assert.AreEqual(AlertMessageType.Update, alerts[1].MessageType);
    }

    [TestMethod]
    public void Legacy_nws_id_url_with_a_query_stays_whole()
    {
        var alerts = _parser.Parse(FixtureFiles.Bytes("Atom/nws-legacy.xml"), "nws-atom");

        StringAssert.StartsWith(alerts[0].Id, "https://alerts.weather.gov/cap/wwacapget.php?x=NY1262E4F0A1C8");
        Assert.AreNotEqual(alerts[0].Id, alerts[1].Id);
    }

    [TestMethod]
    public void Geocode_pairs_with_space_separated_values_become_one_geocode_each()
    {
        var storm = _parser.Parse(FixtureFiles.Bytes("Atom/nws-legacy.xml"), "nws-atom")[0];

        CollectionAssert.AreEquivalent(
            new[] { new AlertGeocode("FIPS6", "036047"), new AlertGeocode("FIPS6", "036061"), new AlertGeocode("UGC", "NYZ072"), new AlertGeocode("UGC", "NYZ075") },
            storm.Geocodes.ToArray());
    }

    [TestMethod]
    public void Meteoalarm_entries_of_one_identifier_merge_into_one_alert()
    {
        var alerts = _parser.Parse(FixtureFiles.Bytes("Atom/meteoalarm.xml"), "meteoalarm");

        Assert.HasCount(2, alerts);
        var snow = alerts.Single(a => a.Id == "2.49.0.0.616.0.PL.250120075500.SNOW.0042");
        CollectionAssert.AreEquivalent(new[] { new AlertGeocode("EMMA_ID", "PL804"), new AlertGeocode("EMMA_ID", "PL806") }, snow.Geocodes.ToArray());
        Assert.AreEqual(AlertSeverity.Severe, snow.Severity);
        Assert.AreEqual("Heavy snowfall", snow.Event);
        Assert.AreEqual("Nowy Targ county; powiat tatrzański", snow.AreaDescription);
        Assert.AreEqual(new DateTimeOffset(2025, 1, 20, 18, 0, 0, TimeSpan.Zero), snow.Onset);
    }

    [TestMethod]
    public void Meteoalarm_message_type_and_references_are_read()
    {
        var wind = _parser.Parse(FixtureFiles.Bytes("Atom/meteoalarm.xml"), "meteoalarm").Single(a => a.Event == "Wind");

        Assert.AreEqual(AlertMessageType.Update, wind.MessageType);
        CollectionAssert.AreEqual(new[] { "2.49.0.0.616.0.PL.250119200000.WIND.0005" }, wind.References.ToArray());
    }

    [TestMethod]
    public void Non_ascii_titles_survive()
    {
        var xml = AtomHead + """
            <entry xml:lang="pl"><id>urn:x:1</id><title>Żółte ostrzeżenie</title><cap:event>Śnieg</cap:event><cap:severity>Moderate</cap:severity></entry></feed>
            """;

        var alert = _parser.Parse(FixtureFiles.Utf8(xml), "atom").Single();

        Assert.AreEqual("Żółte ostrzeżenie", alert.Headline);
        Assert.AreEqual("Śnieg", alert.Event);
    }

    [TestMethod]
    public void Entry_embedding_a_whole_cap_alert_is_read_as_that_alert()
    {
        var xml = AtomHead + """
            <entry><id>tag:example.org,2025:1</id><title>Storm</title>
              <content type="application/cap+xml">
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
                  <identifier>embedded-7</identifier><sent>2025-01-20T08:00:00Z</sent><status>Actual</status><msgType>Alert</msgType>
                  <info><event>Storm</event><severity>Extreme</severity>
                    <area><areaDesc>Coast</areaDesc><geocode><valueName>UGC</valueName><value>NYZ075</value></geocode></area></info>
                </alert>
              </content>
            </entry></feed>
            """;

        var alert = _parser.Parse(FixtureFiles.Utf8(xml), "atom").Single();

        Assert.AreEqual("embedded-7", alert.Id);
        Assert.AreEqual(AlertSeverity.Extreme, alert.Severity);
        CollectionAssert.AreEqual(new[] { new AlertGeocode("UGC", "NYZ075") }, alert.Geocodes.ToArray());
    }

    [TestMethod]
    public void Entry_without_cap_content_is_not_an_alert()
    {
        var xml = """
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:cap="urn:oasis:names:tc:emergency:cap:1.1">
              <entry><id>https://alerts.weather.gov/cap/ny.atom</id><title>There are no active watches, warnings or advisories</title></entry>
            </feed>
            """;

        Assert.IsEmpty(_parser.Parse(FixtureFiles.Utf8(xml), "atom"));
    }

    [TestMethod]
    public void Unreadable_time_in_an_entry_is_refused_with_its_position()
    {
        var xml = AtomHead + "\n<entry><id>urn:x:1</id>\n<cap:expires>soon</cap:expires></entry></feed>";

        var error = Assert.ThrowsExactly<AlertFeedFormatException>(() => _parser.Parse(FixtureFiles.Utf8(xml), "atom"));

        StringAssert.Contains(error.Message, "line 3");
        StringAssert.Contains(error.Message, "<expires>");
    }

    [TestMethod]
    public void Dtd_is_refused()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE feed [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>" + AtomHead + "<title>&b;</title></feed>";

        var error = Assert.ThrowsExactly<AlertFeedFormatException>(() => _parser.Parse(FixtureFiles.Utf8(xml), "atom"));

        StringAssert.Contains(error.Message, "DTD");
    }

    [TestMethod]
    public void Cap_document_is_not_an_atom_feed()
    {
        var error = Assert.ThrowsExactly<AlertFeedFormatException>(() => _parser.Parse(FixtureFiles.Bytes("Cap/nws-cap11-prefixed.xml"), "atom"));

        StringAssert.Contains(error.Message, "not an ATOM");
    }

    [TestMethod]
    [DataRow("application/atom+xml", "")]
    [DataRow("application/xml", AtomHead)]
    [DataRow(null, "<?xml version=\"1.0\"?>" + AtomHead)]
    public void Reads_atom_media_type_and_sniffed_atom(string? mediaType, string head)
    {
        Assert.IsTrue(_parser.CanRead(mediaType, FixtureFiles.Utf8(head)));
    }

    [TestMethod]
    public void Does_not_claim_cap_or_rss()
    {
        Assert.IsFalse(_parser.CanRead("application/xml", FixtureFiles.Utf8("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">")));
        Assert.IsFalse(_parser.CanRead("application/xml", FixtureFiles.Utf8("<rss version=\"2.0\">")));
    }
}
