using WeatherCampaign.Core.Alerts;

namespace WeatherCampaign.Core.Tests.Alerts;

[TestClass]
public sealed class NwsGeoJsonAlertParserTests
{
    private readonly NwsGeoJsonAlertParser _parser = new();

    private IReadOnlyList<WeatherAlert> ParseCollection() => _parser.Parse(FixtureFiles.Bytes("Nws/feature-collection.json"), "nws");

    private static WeatherAlert ById(IReadOnlyList<WeatherAlert> alerts, string id) => alerts.Single(a => a.Id == id);

    [TestMethod]
    public void Feature_collection_yields_one_alert_per_feature()
    {
        var alerts = ParseCollection();

        Assert.HasCount(5, alerts);
        Assert.IsTrue(alerts.All(a => a.Feed == "nws"));
    }

    [TestMethod]
    public void Alert_carries_event_texts_times_and_cap_values()
    {
        var alert = ById(ParseCollection(), "urn:oid:2.49.0.1.840.0.1111aaaa.001.1");

        Assert.AreEqual("Winter Storm Warning", alert.Event);
        StringAssert.StartsWith(alert.Headline, "Winter Storm Warning issued");
        Assert.AreEqual("New York (Manhattan); Kings (Brooklyn)", alert.AreaDescription);
        Assert.AreEqual(AlertSeverity.Severe, alert.Severity);
        Assert.AreEqual(AlertUrgency.Expected, alert.Urgency);
        Assert.AreEqual(AlertCertainty.Likely, alert.Certainty);
        Assert.AreEqual(AlertStatus.Actual, alert.Status);
        Assert.AreEqual(AlertMessageType.Alert, alert.MessageType);
        Assert.AreEqual(new DateTimeOffset(2025, 1, 20, 4, 10, 0, TimeSpan.FromHours(-5)), alert.Sent);
        Assert.AreEqual(new DateTimeOffset(2025, 1, 20, 18, 0, 0, TimeSpan.FromHours(-5)), alert.Onset);
        Assert.AreEqual(new DateTimeOffset(2025, 1, 20, 16, 15, 0, TimeSpan.FromHours(-5)), alert.Expires);
        Assert.AreEqual(new DateTimeOffset(2025, 1, 21, 12, 0, 0, TimeSpan.FromHours(-5)), alert.Ends);
    }

    [TestMethod]
    public void Ugc_and_same_lists_become_geocodes()
    {
        var alert = ById(ParseCollection(), "urn:oid:2.49.0.1.840.0.1111aaaa.001.1");

        CollectionAssert.AreEquivalent(
            new[] { new AlertGeocode("SAME", "036061"), new AlertGeocode("SAME", "036047"), new AlertGeocode("UGC", "NYZ072"), new AlertGeocode("UGC", "NYZ075") },
            alert.Geocodes.ToArray());
    }

    [TestMethod]
    public void Update_supersedes_referenced_alert_ids()
    {
        var alerts = ParseCollection();

        var update = ById(alerts, "urn:oid:2.49.0.1.840.0.2222bbbb.002.1");

        Assert.AreEqual(AlertMessageType.Update, update.MessageType);
        CollectionAssert.AreEqual(new[] { "urn:oid:2.49.0.1.840.0.1111aaaa.001.1" }, update.References.ToArray());
        Assert.IsTrue(alerts.Any(a => a.Id == update.References[0]), "the reference compares equal to the earlier alert's id");
    }

    [TestMethod]
    public void Cancel_reference_without_identifier_uses_the_last_segment_of_its_url()
    {
        var cancel = ById(ParseCollection(), "NWS-IDP-PROD-4100001-3500001");

        Assert.AreEqual(AlertMessageType.Cancel, cancel.MessageType);
        CollectionAssert.AreEqual(new[] { "NWS-IDP-PROD-4099990-3499990" }, cancel.References.ToArray());
    }

    [TestMethod]
    public void Null_onset_and_ends_are_absent_times()
    {
        var cancel = ById(ParseCollection(), "NWS-IDP-PROD-4100001-3500001");

        Assert.IsNull(cancel.Onset);
        Assert.IsNull(cancel.Ends);
        Assert.AreEqual(cancel.Expires, cancel.InForceUntil);
    }

    [TestMethod]
    public void Missing_properties_id_falls_back_to_the_feature_url()
    {
        var marine = ParseCollection().Single(a => a.Event == "Small Craft Advisory");

        Assert.AreEqual("urn:oid:2.49.0.1.840.0.3333cccc.003.1", marine.Id);
    }

    [TestMethod]
    public void Marine_zone_alert_with_polygon_geometry_is_read()
    {
        var marine = ParseCollection().Single(a => a.Event == "Small Craft Advisory");

        CollectionAssert.Contains(marine.Geocodes.ToArray(), new AlertGeocode("UGC", "ANZ355"));
        Assert.AreEqual(AlertSeverity.Minor, marine.Severity);
    }

    [TestMethod]
    public void Unknown_severity_urgency_and_certainty_stay_unknown()
    {
        var test = ById(ParseCollection(), "urn:oid:2.49.0.1.840.0.4444dddd.004.1");

        Assert.AreEqual(AlertSeverity.Unknown, test.Severity);
        Assert.AreEqual(AlertUrgency.Unknown, test.Urgency);
        Assert.AreEqual(AlertCertainty.Unknown, test.Certainty);
        Assert.AreEqual(AlertStatus.Test, test.Status);
    }

    [TestMethod]
    public void Expired_references_join_the_references_as_cap_triples()
    {
        var json = """
            {"type":"Feature","properties":{"id":"urn:oid:2.49.0.1.840.0.ccc.001.1","messageType":"Update",
              "references":[{"@id":"https://api.weather.gov/alerts/urn:oid:2.49.0.1.840.0.bbb.001.1","identifier":"urn:oid:2.49.0.1.840.0.bbb.001.1","sender":"w-nws.webmaster@noaa.gov","sent":"2024-07-18T03:00:00-07:00"}],
              "parameters":{"expiredReferences":["w-nws.webmaster@noaa.gov,urn:oid:2.49.0.1.840.0.aaa.001.1,2024-07-17T21:00:00-07:00 w-nws.webmaster@noaa.gov,urn:oid:2.49.0.1.840.0.bbb.001.1,2024-07-18T03:00:00-07:00"]}}}
            """;

        var alert = _parser.Parse(FixtureFiles.Utf8(json), "nws").Single();

        CollectionAssert.AreEqual(new[] { "urn:oid:2.49.0.1.840.0.bbb.001.1", "urn:oid:2.49.0.1.840.0.aaa.001.1" }, alert.References.ToArray());
    }

    [TestMethod]
    public void Expired_references_alone_are_the_references()
    {
        var json = """{"type":"Feature","properties":{"id":"x2","messageType":"Update","parameters":{"expiredReferences":"w-nws.webmaster@noaa.gov,x1,2024-07-17T21:00:00-07:00"}}}""";

        CollectionAssert.AreEqual(new[] { "x1" }, _parser.Parse(FixtureFiles.Utf8(json), "nws").Single().References.ToArray());
    }

    [TestMethod]
    public void Unrecognised_words_become_unknown()
    {
        var json = """{"type":"Feature","properties":{"id":"x1","severity":"Catastrophic","urgency":"3","status":"Rehearsal","messageType":"Bulletin"}}""";

        var alert = _parser.Parse(FixtureFiles.Utf8(json), "nws").Single();

        Assert.AreEqual(AlertSeverity.Unknown, alert.Severity);
        Assert.AreEqual(AlertUrgency.Unknown, alert.Urgency);
        Assert.AreEqual(AlertStatus.Unknown, alert.Status);
        Assert.AreEqual(AlertMessageType.Unknown, alert.MessageType);
    }

    [TestMethod]
    public void Single_feature_is_one_alert()
    {
        var alerts = _parser.Parse(FixtureFiles.Bytes("Nws/single-feature.json"), "nws-one");

        var alert = alerts.Single();
        Assert.AreEqual("urn:oid:2.49.0.1.840.0.5555eeee.005.1", alert.Id);
        Assert.AreEqual("Extreme Heat Warning", alert.Event);
        Assert.HasCount(3, alert.Geocodes);
    }

    [TestMethod]
    public void Empty_feature_collection_is_no_alerts()
    {
        var alerts = _parser.Parse(FixtureFiles.Utf8("""{"type":"FeatureCollection","features":[]}"""), "nws");

        Assert.IsEmpty(alerts);
    }

    [TestMethod]
    [DataRow("application/geo+json", "")]
    [DataRow("application/ld+json; charset=utf-8", "")]
    [DataRow("application/json", """{"type":"FeatureCollection","features":[]}""")]
    [DataRow(null, """{"@context":{},"type":"Feature","properties":{}}""")]
    public void Reads_geojson_media_types_and_sniffed_json(string? mediaType, string head)
    {
        Assert.IsTrue(_parser.CanRead(mediaType, FixtureFiles.Utf8(head)));
    }

    [TestMethod]
    public void Does_not_claim_the_simple_feed()
    {
        Assert.IsFalse(_parser.CanRead("application/json", FixtureFiles.Utf8("""{"alerts":[{"regions":["NY"]}]}""")));
    }

    [TestMethod]
    public void Truncated_json_is_refused_with_its_position()
    {
        var json = "{\n  \"type\": \"FeatureCollection\",\n  \"features\": [\n    {\"type\": \"Feature\", \"properties\": {\"id\": \"a\"";

        var error = Assert.ThrowsExactly<AlertFeedFormatException>(() => _parser.Parse(FixtureFiles.Utf8(json), "nws"));

        StringAssert.Contains(error.Message, "Feed 'nws'");
        StringAssert.Contains(error.Message, "line 4");
    }

    [TestMethod]
    public void Wrongly_typed_field_is_refused_naming_its_path_and_position()
    {
        var json = "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"properties\":{\"id\":\"a\"}},\n{\"type\":\"Feature\",\"properties\":{\"id\":\"b\",\"sent\":\"yesterday\"}}]}";

        var error = Assert.ThrowsExactly<AlertFeedFormatException>(() => _parser.Parse(FixtureFiles.Utf8(json), "nws"));

        StringAssert.Contains(error.Message, "$.features[1].properties.sent");
        StringAssert.Contains(error.Message, "line 3");
        Assert.IsNotNull(error.Position);
    }

    [TestMethod]
    public void Error_document_is_refused()
    {
        var json = """{"correlationId":"1a2b","title":"Unexpected Problem","type":"https://api.weather.gov/problems/UnexpectedProblem","status":500,"detail":"An unexpected problem has occurred."}""";

        var error = Assert.ThrowsExactly<AlertFeedFormatException>(() => _parser.Parse(FixtureFiles.Utf8(json), "nws"));

        StringAssert.Contains(error.Message, "neither a FeatureCollection");
    }

    [TestMethod]
    public void Feature_without_any_id_is_refused()
    {
        var json = """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"event":"Flood Watch"}}]}""";

        var error = Assert.ThrowsExactly<AlertFeedFormatException>(() => _parser.Parse(FixtureFiles.Utf8(json), "nws"));

        StringAssert.Contains(error.Message, "no 'id'");
        StringAssert.Contains(error.Message, "$.features[0].properties");
    }
}
