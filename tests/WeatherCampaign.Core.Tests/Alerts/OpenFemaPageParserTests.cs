using WeatherCampaign.Core.Alerts;
using WeatherCampaign.Core.Regions;

namespace WeatherCampaign.Core.Tests.Alerts;

/// <summary>The fixture is written from OpenFEMA's data dictionary for <c>DisasterDeclarationsSummaries</c> v2, not copied from FEMA.</summary>
[TestClass]
public sealed class OpenFemaPageParserTests
{
    private static OpenFemaPage ParseFixture() => OpenFemaPageParser.Parse(FixtureFiles.Bytes("OpenFema/declarations-page.json"), "fema");

    private static IReadOnlyList<WeatherAlert> Alerts() => OpenFemaDeclarationAlerts.From(ParseFixture().Declarations, "fema");

    [TestMethod]
    public void Count_comes_from_the_metadata()
    {
        Assert.AreEqual(7L, ParseFixture().Count);
    }

    [TestMethod]
    public void Page_without_a_count_has_none()
    {
        var page = OpenFemaPageParser.Parse(FixtureFiles.Utf8("""{"metadata":{"skip":0,"top":1000},"DisasterDeclarationsSummaries":[]}"""), "fema");

        Assert.IsNull(page.Count);
        Assert.AreEqual(0, page.Records);
    }

    [TestMethod]
    public void Fips_codes_become_same_geocodes()
    {
        var pinellas = ParseFixture().Declarations.Single(d => d.DesignatedArea == "Pinellas (County)");

        Assert.AreEqual(new AlertGeocode("SAME", "012103"), pinellas.Area);
        Assert.AreEqual("DR-4834-FL", pinellas.DeclarationString);
        Assert.AreEqual("DR", pinellas.DeclarationType);
        Assert.AreEqual("Hurricane", pinellas.IncidentType);
        Assert.AreEqual(new DateTimeOffset(2024, 10, 5, 0, 0, 0, TimeSpan.Zero), pinellas.IncidentBegin);
        Assert.AreEqual(new DateTimeOffset(2024, 10, 10, 0, 0, 0, TimeSpan.Zero), pinellas.IncidentEnd);
        Assert.AreEqual(new DateTimeOffset(2024, 10, 11, 0, 0, 0, TimeSpan.Zero), pinellas.DeclarationDate);
        Assert.AreEqual(new DateTimeOffset(2024, 10, 12, 3, 10, 0, TimeSpan.Zero), pinellas.LastRefresh);
        Assert.AreEqual("6f1c0c1e-0000-4000-8000-000000000001", pinellas.Key);
    }

    [TestMethod]
    public void A_state_code_written_as_a_number_is_padded()
    {
        var butte = ParseFixture().Declarations.Single(d => d.DeclarationString == "FM-5500-CA");

        Assert.AreEqual(new AlertGeocode("SAME", "006007"), butte.Area);
    }

    [TestMethod]
    public void County_000_is_the_whole_state()
    {
        var statewide = Alerts().Single(a => a.Id == "EM-3620-FL");

        var keys = RegionCatalog.Create(new Dictionary<string, IReadOnlyList<string>>()).KeysForAlert(statewide);

        CollectionAssert.AreEqual(new[] { new AlertGeocode("SAME", "012000") }, statewide.Geocodes.ToArray());
        Assert.IsTrue(keys.Contains("STATE:FL"), string.Join(", ", keys));
    }

    [TestMethod]
    public void Records_without_a_valid_fips_code_or_date_are_skipped_with_their_reason()
    {
        var page = ParseFixture();

        CollectionAssert.AreEquivalent(
            new[]
            {
                new SkippedDeclaration("6f1c0c1e-0000-4000-8000-000000000005", OpenFemaPageParser.MissingOrInvalidFips),
                new SkippedDeclaration("6f1c0c1e-0000-4000-8000-000000000006", OpenFemaPageParser.MissingOrInvalidFips),
                new SkippedDeclaration("6f1c0c1e-0000-4000-8000-000000000007", "declarationDate is not a date"),
            },
            page.Skipped.ToArray());
        Assert.AreEqual(4, page.Declarations.Count);
        Assert.AreEqual(7, page.Records);
    }

    [TestMethod]
    public void A_declaration_is_one_alert_named_by_its_declaration_string_over_all_its_areas()
    {
        var hurricane = Alerts().Single(a => a.Id == "DR-4834-FL");

        Assert.AreEqual(AlertKind.Declaration, hurricane.Kind);
        Assert.AreEqual("Hurricane (DR)", hurricane.Event);
        Assert.AreEqual("DR-4834-FL: HURRICANE TEST", hurricane.Headline);
        Assert.AreEqual("Hillsborough (County); Pinellas (County)", hurricane.AreaDescription);
        CollectionAssert.AreEquivalent(new[] { new AlertGeocode("SAME", "012103"), new AlertGeocode("SAME", "012057") }, hurricane.Geocodes.ToArray());
        Assert.AreEqual(new DateTimeOffset(2024, 10, 5, 0, 0, 0, TimeSpan.Zero), hurricane.Onset);
        Assert.AreEqual(new DateTimeOffset(2024, 10, 10, 0, 0, 0, TimeSpan.Zero), hurricane.Ends);
        Assert.AreEqual(AlertSeverity.Unknown, hurricane.Severity, "a declaration has no CAP severity");
        Assert.AreEqual("DR", hurricane.EventCodes[FemaDeclarations.DeclarationTypeCode]);
        Assert.AreEqual("Hurricane", hurricane.EventCodes[FemaDeclarations.IncidentTypeCode]);
    }

    [TestMethod]
    public void An_incident_with_no_end_date_has_no_end()
    {
        var fire = Alerts().Single(a => a.Id == "FM-5500-CA");

        Assert.IsNull(fire.Ends);
        Assert.IsNull(fire.InForceUntil);
        Assert.AreEqual("Fire (FM)", fire.Event);
    }

    [TestMethod]
    [DataRow("""{"metadata":{"count":1}}""", "no 'DisasterDeclarationsSummaries' list")]
    [DataRow("""[1,2]""", "should be an object")]
    [DataRow("""{"DisasterDeclarationsSummaries":[""", "not well-formed JSON")]
    public void A_page_that_is_not_openfema_fails_the_feed(string content, string problem)
    {
        var error = Assert.ThrowsExactly<AlertFeedFormatException>(() => OpenFemaPageParser.Parse(FixtureFiles.Utf8(content), "fema"));

        StringAssert.Contains(error.Message, "fema");
        StringAssert.Contains(error.Message, problem);
    }
}
