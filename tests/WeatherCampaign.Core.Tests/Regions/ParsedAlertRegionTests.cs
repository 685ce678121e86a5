using WeatherCampaign.Core.Alerts;
using WeatherCampaign.Core.Regions;
using WeatherCampaign.Core.Tests.Alerts;

namespace WeatherCampaign.Core.Tests.Regions;

/// <summary>Alerts as the parsers produce them meet campaign regions as the customer writes them.</summary>
[TestClass]
public sealed class ParsedAlertRegionTests
{
    private static readonly RegionCatalog Catalog = RegionCatalog.Create(new Dictionary<string, IReadOnlyList<string>>
    {
        ["US-NE"] = ["NY", "NJ", "PA", "CT", "RI", "MA", "VT", "NH", "ME"],
    });

    [TestMethod]
    public void Nws_zone_alert_hits_a_northeast_campaign()
    {
        var alert = new NwsGeoJsonAlertParser().Parse(FixtureFiles.Bytes("Nws/feature-collection.json"), "nws")[0];

        Assert.IsTrue(Catalog.KeysForAlert(alert).Overlaps(Catalog.KeysForCampaign(["US-NE"])));
    }

    [TestMethod]
    public void Nws_marine_alert_hits_no_state_campaign()
    {
        var marine = new NwsGeoJsonAlertParser().Parse(FixtureFiles.Bytes("Nws/feature-collection.json"), "nws").Single(a => a.Event == "Small Craft Advisory");

        Assert.IsFalse(Catalog.KeysForAlert(marine).Overlaps(Catalog.KeysForCampaign(["US-NE", "NJ", "NY"])));
        Assert.IsTrue(Catalog.KeysForAlert(marine).Overlaps(Catalog.KeysForCampaign(["ANZ355"])));
    }

    [TestMethod]
    public void Cap_fips6_alert_hits_a_county_campaign_written_as_same()
    {
        var alert = new CapXmlAlertParser().Parse(FixtureFiles.Bytes("Cap/nws-cap11-prefixed.xml"), "cap").Single();

        Assert.IsTrue(Catalog.KeysForAlert(alert).Overlaps(Catalog.KeysForCampaign(["SAME:036061"])));
    }

    [TestMethod]
    public void Canadian_location_alert_hits_a_campaign_with_that_location_key()
    {
        var alert = new CapXmlAlertParser().Parse(FixtureFiles.Bytes("Cap/eccc-bilingual-update.xml"), "cap").Single();

        Assert.IsTrue(Catalog.KeysForAlert(alert).Overlaps(Catalog.KeysForCampaign(["CAP-CP:Location:0.3:4718023"])));
    }

    [TestMethod]
    public void Meteoalarm_alert_hits_a_campaign_with_that_emma_id()
    {
        var alerts = new AtomCapAlertParser().Parse(FixtureFiles.Bytes("Atom/meteoalarm.xml"), "meteoalarm");

        Assert.IsTrue(alerts.Any(a => Catalog.KeysForAlert(a).Overlaps(Catalog.KeysForCampaign(["emma_id:pl806"]))));
    }

    [TestMethod]
    public void Simple_feed_northeast_alert_hits_a_new_york_campaign()
    {
        var alert = new SimpleJsonAlertParser().Parse(FixtureFiles.Bytes("Simple/alerts.json"), "customer")[0];

        Assert.IsTrue(Catalog.KeysForAlert(alert).Overlaps(Catalog.KeysForCampaign(["US-NY"])));
    }
}
