using WeatherCampaign.Core.Alerts;

namespace WeatherCampaign.Core.Tests.Alerts;

[TestClass]
public sealed class CapXmlAlertParserTests
{
    private const string Cap12 = "urn:oasis:names:tc:emergency:cap:1.2";

    private readonly CapXmlAlertParser _parser = new();

    private WeatherAlert ParseFixture(string name) => _parser.Parse(FixtureFiles.Bytes(name), "cap").Single();

    private WeatherAlert ParseText(string xml) => _parser.Parse(FixtureFiles.Utf8(xml), "cap").Single();

    [TestMethod]
    public void Several_languages_make_one_alert_with_english_text()
    {
        var alert = ParseFixture("Cap/eccc-bilingual-update.xml");

        Assert.AreEqual("2.49.0.1.124.0badc0de.2025", alert.Id);
        Assert.AreEqual("snowfall", alert.Event);
        Assert.AreEqual("snowfall warning", alert.Headline);
        Assert.AreEqual(AlertUrgency.Future, alert.Urgency);
        Assert.AreEqual(AlertCertainty.Likely, alert.Certainty);
    }

    [TestMethod]
    public void Severity_is_the_highest_across_infos()
    {
        var alert = ParseFixture("Cap/eccc-bilingual-update.xml");

        Assert.AreEqual(AlertSeverity.Severe, alert.Severity);
    }

    [TestMethod]
    public void Geocodes_of_every_area_of_every_info_are_merged()
    {
        var alert = ParseFixture("Cap/eccc-bilingual-update.xml");

        CollectionAssert.AreEquivalent(
            new[]
            {
                new AlertGeocode("CAP-CP:Location:0.3", "4718023"),
                new AlertGeocode("CAP-CP:Location:0.3", "4718090"),
                new AlertGeocode("CAP-CP:Location:0.3", "4716053"),
                new AlertGeocode("layer:EC-MSC-SMC:1.0:CLC", "067200"),
            },
            alert.Geocodes.ToArray());
    }

    [TestMethod]
    public void Update_supersedes_referenced_alert_ids()
    {
        var alert = ParseFixture("Cap/eccc-bilingual-update.xml");

        Assert.AreEqual(AlertMessageType.Update, alert.MessageType);
        CollectionAssert.AreEqual(new[] { "2.49.0.1.124.1111aaaa.2025", "2.49.0.1.124.2222bbbb.2025" }, alert.References.ToArray());
    }

    [TestMethod]
    public void Non_ascii_text_survives()
    {
        var alert = ParseFixture("Cap/eccc-bilingual-update.xml");

        StringAssert.Contains(alert.AreaDescription, "Île-à-la-Crosse - Buffalo Narrows - Beauval");
    }

    [TestMethod]
    public void Enveloped_signature_and_foreign_elements_are_ignored()
    {
        var alert = ParseFixture("Cap/eccc-bilingual-update.xml");

        Assert.AreEqual("2.49.0.1.124.0badc0de.2025", alert.Id, "the identifier inside the signature is not the alert's");
        Assert.AreEqual(AlertStatus.Actual, alert.Status);
        Assert.AreEqual(new DateTimeOffset(2025, 1, 24, 21, 26, 0, TimeSpan.Zero), alert.Sent);
        Assert.AreEqual(new DateTimeOffset(2025, 1, 25, 13, 26, 0, TimeSpan.Zero), alert.Expires);
    }

    [TestMethod]
    public void Cap_1_1_with_cap_prefix_is_read()
    {
        var alert = ParseFixture("Cap/nws-cap11-prefixed.xml");

        Assert.AreEqual("Winter Storm Warning", alert.Event);
        Assert.AreEqual(AlertSeverity.Severe, alert.Severity);
        Assert.AreEqual(AlertMessageType.Alert, alert.MessageType);
        Assert.AreEqual(new DateTimeOffset(2025, 1, 20, 18, 0, 0, TimeSpan.FromHours(-5)), alert.Onset);
        CollectionAssert.AreEquivalent(
            new[] { new AlertGeocode("FIPS6", "036061"), new AlertGeocode("FIPS6", "036047"), new AlertGeocode("UGC", "NYZ072"), new AlertGeocode("UGC", "NYZ075") },
            alert.Geocodes.ToArray());
    }

    [TestMethod]
    public void Nws_event_ending_time_parameter_becomes_the_end()
    {
        var alert = ParseFixture("Cap/nws-cap11-prefixed.xml");

        Assert.AreEqual(new DateTimeOffset(2025, 1, 21, 12, 0, 0, TimeSpan.FromHours(-5)), alert.Ends);
    }

    [TestMethod]
    public void Cancel_without_info_references_what_it_cancels()
    {
        var alert = ParseText($"""
            <alert xmlns="{Cap12}">
              <identifier>KSTO1055887203</identifier>
              <sender>KSTO@NWS.NOAA.GOV</sender>
              <sent>2025-05-14T15:00:00-07:00</sent>
              <status>Actual</status>
              <msgType>Cancel</msgType>
              <scope>Public</scope>
              <references>KSTO@NWS.NOAA.GOV,KSTO1055887200,2025-05-14T14:57:00-07:00</references>
            </alert>
            """);

        Assert.AreEqual(AlertMessageType.Cancel, alert.MessageType);
        CollectionAssert.AreEqual(new[] { "KSTO1055887200" }, alert.References.ToArray());
        Assert.IsEmpty(alert.Geocodes);
        Assert.AreEqual(AlertSeverity.Unknown, alert.Severity);
    }

    [TestMethod]
    public void Any_value_name_is_kept_as_a_geocode()
    {
        var alert = ParseText($"""
            <alert xmlns="{Cap12}">
              <identifier>multi-1</identifier><sent>2025-05-14T15:00:00Z</sent><status>Actual</status><msgType>Alert</msgType>
              <info>
                <event>Storm</event><severity>Extreme</severity>
                <area>
                  <areaDesc>Mixed</areaDesc>
                  <geocode><valueName>SAME</valueName><value>036061</value></geocode>
                  <geocode><valueName>EMMA_ID</valueName><value>PL804</value></geocode>
                  <geocode><valueName>http://example.org/regions/v1</valueName><value>north-7</value></geocode>
                </area>
              </info>
            </alert>
            """);

        CollectionAssert.AreEquivalent(
            new[] { new AlertGeocode("SAME", "036061"), new AlertGeocode("EMMA_ID", "PL804"), new AlertGeocode("http://example.org/regions/v1", "north-7") },
            alert.Geocodes.ToArray());
    }

    [TestMethod]
    public void Info_without_language_counts_as_english()
    {
        var alert = ParseText($"""
            <alert xmlns="{Cap12}">
              <identifier>lang-1</identifier><sent>2025-05-14T15:00:00Z</sent><status>Actual</status><msgType>Alert</msgType>
              <info><language>es-US</language><event>Tormenta</event><severity>Severe</severity></info>
              <info><event>Storm</event><severity>Severe</severity></info>
            </alert>
            """);

        Assert.AreEqual("Storm", alert.Event);
    }

    [TestMethod]
    public void Dtd_is_refused_and_nothing_is_resolved()
    {
        var xml = $"""
            <?xml version="1.0"?>
            <!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <alert xmlns="{Cap12}"><identifier>&xxe;</identifier></alert>
            """;

        var error = Assert.ThrowsExactly<AlertFeedFormatException>(() => _parser.Parse(FixtureFiles.Utf8(xml), "cap"));

        StringAssert.Contains(error.Message, "DTD");
        StringAssert.Contains(error.Message, "line 2");
    }

    [TestMethod]
    public void Malformed_xml_is_refused_with_line_and_column()
    {
        var xml = $"<alert xmlns=\"{Cap12}\">\n  <identifier>x</identifier>\n  <status>Actual</stat>\n</alert>";

        var error = Assert.ThrowsExactly<AlertFeedFormatException>(() => _parser.Parse(FixtureFiles.Utf8(xml), "cap"));

        StringAssert.Contains(error.Message, "Feed 'cap' at line 3");
        StringAssert.Contains(error.Message, "column");
    }

    [TestMethod]
    public void Truncated_xml_is_refused()
    {
        var bytes = FixtureFiles.Bytes("Cap/nws-cap11-prefixed.xml");

        var error = Assert.ThrowsExactly<AlertFeedFormatException>(() => _parser.Parse(bytes.AsMemory(0, bytes.Length / 2), "cap"));

        StringAssert.Contains(error.Message, "not well-formed XML");
    }

    [TestMethod]
    public void Unreadable_time_is_refused_with_its_position()
    {
        var xml = $"<alert xmlns=\"{Cap12}\">\n<identifier>t-1</identifier>\n<sent>last tuesday</sent>\n</alert>";

        var error = Assert.ThrowsExactly<AlertFeedFormatException>(() => _parser.Parse(FixtureFiles.Utf8(xml), "cap"));

        StringAssert.Contains(error.Message, "<sent>");
        StringAssert.Contains(error.Message, "line 3");
    }

    [TestMethod]
    public void Alert_without_identifier_is_refused()
    {
        var error = Assert.ThrowsExactly<AlertFeedFormatException>(() => _parser.Parse(FixtureFiles.Utf8($"<alert xmlns=\"{Cap12}\"><status>Actual</status></alert>"), "cap"));

        StringAssert.Contains(error.Message, "<identifier>");
    }

    [TestMethod]
    public void Other_xml_is_refused()
    {
        var error = Assert.ThrowsExactly<AlertFeedFormatException>(() => _parser.Parse(FixtureFiles.Utf8("<rss version=\"2.0\"><channel/></rss>"), "cap"));

        StringAssert.Contains(error.Message, "not a CAP");
    }

    [TestMethod]
    [DataRow("application/cap+xml", "")]
    [DataRow("application/xml", "<?xml version=\"1.0\"?>\n<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">")]
    [DataRow("text/xml", "<cap:alert xmlns:cap=\"urn:oasis:names:tc:emergency:cap:1.1\">")]
    [DataRow(null, "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>")]
    public void Reads_cap_media_type_and_sniffed_cap_xml(string? mediaType, string head)
    {
        Assert.IsTrue(_parser.CanRead(mediaType, FixtureFiles.Utf8(head)));
    }

    [TestMethod]
    public void Does_not_claim_atom_or_json()
    {
        Assert.IsFalse(_parser.CanRead("application/xml", FixtureFiles.Utf8("<feed xmlns=\"http://www.w3.org/2005/Atom\">")));
        Assert.IsFalse(_parser.CanRead("application/json", FixtureFiles.Utf8("{\"alerts\":[]}")));
    }
}
