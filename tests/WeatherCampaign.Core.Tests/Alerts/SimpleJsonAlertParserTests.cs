using WeatherCampaign.Core.Alerts;

namespace WeatherCampaign.Core.Tests.Alerts;

[TestClass]
public sealed class SimpleJsonAlertParserTests
{
    private readonly SimpleJsonAlertParser _parser = new();

    private IReadOnlyList<WeatherAlert> ParseFixture() => _parser.Parse(FixtureFiles.Bytes("Simple/alerts.json"), "customer");

    [TestMethod]
    public void Regions_become_region_geocodes()
    {
        var alert = ParseFixture()[0];

        CollectionAssert.AreEqual(new[] { new AlertGeocode("REGION", "US-NE"), new AlertGeocode("REGION", "NYZ072") }, alert.Geocodes.ToArray());
    }

    [TestMethod]
    public void Given_fields_are_read()
    {
        var alert = ParseFixture()[0];

        Assert.AreEqual("cust-2025-0042", alert.Id);
        Assert.AreEqual("customer", alert.Feed);
        Assert.AreEqual("Blizzard Warning", alert.Event);
        Assert.AreEqual(AlertSeverity.Extreme, alert.Severity);
        Assert.AreEqual(AlertUrgency.Immediate, alert.Urgency);
        Assert.AreEqual(AlertCertainty.Observed, alert.Certainty);
        Assert.AreEqual(new DateTimeOffset(2025, 1, 20, 18, 0, 0, TimeSpan.Zero), alert.Onset);
        Assert.AreEqual(new DateTimeOffset(2025, 1, 21, 18, 0, 0, TimeSpan.Zero), alert.Expires);
    }

    [TestMethod]
    public void Missing_severity_means_severe_and_missing_status_means_actual()
    {
        var alert = ParseFixture()[1];

        Assert.AreEqual(AlertSeverity.Severe, alert.Severity);
        Assert.AreEqual(AlertStatus.Actual, alert.Status);
        Assert.AreEqual(AlertMessageType.Alert, alert.MessageType);
    }

    [TestMethod]
    public void Missing_id_is_derived_from_content_and_stable_across_cycles()
    {
        var first = ParseFixture()[1];
        var second = ParseFixture()[1];

        StringAssert.StartsWith(first.Id, "simple-");
        Assert.AreEqual(first.Id, second.Id);
    }

    [TestMethod]
    public void Derived_id_ignores_formatting_but_not_content()
    {
        var compact = _parser.Parse(FixtureFiles.Utf8("""{"alerts":[{"regions":["A","B"],"event":"Ice Storm"}]}"""), "c").Single();
        var spaced = _parser.Parse(FixtureFiles.Utf8("{ \"alerts\" : [ { \"event\" : \"Ice Storm\", \"regions\" : [ \"b\", \"a\" ] } ] }"), "c").Single();
        var other = _parser.Parse(FixtureFiles.Utf8("""{"alerts":[{"regions":["A","B"],"event":"Flood"}]}"""), "c").Single();

        Assert.AreEqual(compact.Id, spaced.Id);
        Assert.AreNotEqual(compact.Id, other.Id);
    }

    [TestMethod]
    public void Single_region_string_status_message_type_and_references_are_read()
    {
        var alert = ParseFixture()[2];

        CollectionAssert.AreEqual(new[] { new AlertGeocode("REGION", "US-FL") }, alert.Geocodes.ToArray());
        Assert.AreEqual(AlertStatus.Exercise, alert.Status);
        Assert.AreEqual(AlertMessageType.Update, alert.MessageType);
        CollectionAssert.AreEqual(new[] { "cust-2025-0040" }, alert.References.ToArray());
    }

    [TestMethod]
    public void Empty_alert_list_is_no_alerts()
    {
        Assert.IsEmpty(_parser.Parse(FixtureFiles.Utf8("""{"alerts":[]}"""), "c"));
    }

    [TestMethod]
    public void Document_without_alerts_is_refused()
    {
        var error = Assert.ThrowsExactly<AlertFeedFormatException>(() => _parser.Parse(FixtureFiles.Utf8("""{"error":"quota exceeded"}"""), "customer"));

        StringAssert.Contains(error.Message, "Feed 'customer'");
        StringAssert.Contains(error.Message, "no 'alerts'");
    }

    [TestMethod]
    public void Alert_without_regions_is_refused_with_its_position()
    {
        var json = "{\"alerts\":[\n  {\"regions\":[\"NY\"]},\n  {\"event\":\"Flood\"}\n]}";

        var error = Assert.ThrowsExactly<AlertFeedFormatException>(() => _parser.Parse(FixtureFiles.Utf8(json), "customer"));

        StringAssert.Contains(error.Message, "$.alerts[1]");
        StringAssert.Contains(error.Message, "line 3");
    }

    [TestMethod]
    public void Non_string_region_is_refused_naming_its_path()
    {
        var json = """{"alerts":[{"regions":["NY", 42]}]}""";

        var error = Assert.ThrowsExactly<AlertFeedFormatException>(() => _parser.Parse(FixtureFiles.Utf8(json), "customer"));

        StringAssert.Contains(error.Message, "$.alerts[0].regions[1]");
        StringAssert.Contains(error.Message, "byte offset 29");
    }

    [TestMethod]
    public void Unreadable_time_is_refused()
    {
        var json = """{"alerts":[{"regions":["NY"],"expires":"tomorrow-ish"}]}""";

        var error = Assert.ThrowsExactly<AlertFeedFormatException>(() => _parser.Parse(FixtureFiles.Utf8(json), "customer"));

        StringAssert.Contains(error.Message, "$.alerts[0].expires");
    }

    [TestMethod]
    public void Malformed_json_is_refused_with_line_and_byte()
    {
        var json = "{\"alerts\":[\n{\"regions\":[\"NY\"],}\n{\"regions\":[\"NJ\"]}]}";

        var error = Assert.ThrowsExactly<AlertFeedFormatException>(() => _parser.Parse(FixtureFiles.Utf8(json), "customer"));

        StringAssert.Contains(error.Message, "line 3");
        StringAssert.Contains(error.Message, "not well-formed JSON");
    }

    [TestMethod]
    public void Empty_content_is_refused()
    {
        var error = Assert.ThrowsExactly<AlertFeedFormatException>(() => _parser.Parse(ReadOnlyMemory<byte>.Empty, "customer"));

        StringAssert.Contains(error.Message, "empty");
    }

    [TestMethod]
    [DataRow("application/json")]
    [DataRow(null)]
    [DataRow("text/plain")]
    public void Reads_json_with_an_alerts_list(string? mediaType)
    {
        Assert.IsTrue(_parser.CanRead(mediaType, FixtureFiles.Utf8("""{ "alerts": [] }""")));
    }

    [TestMethod]
    public void Does_not_claim_geojson_or_xml()
    {
        Assert.IsFalse(_parser.CanRead("application/geo+json", FixtureFiles.Utf8("""{"alerts":[]}""")));
        Assert.IsFalse(_parser.CanRead("application/xml", FixtureFiles.Utf8("<alerts/>")));
    }
}
