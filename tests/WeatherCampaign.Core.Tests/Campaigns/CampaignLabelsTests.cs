using WeatherCampaign.Core.Campaigns;

namespace WeatherCampaign.Core.Tests.Campaigns;

[TestClass]
public sealed class CampaignLabelsTests
{
    [TestMethod]
    [DataRow("Florida Renewals [US-FL]", new[] { "US-FL" })]
    [DataRow("Tri-state Winback [NY, NJ]", new[] { "NY", "NJ" })]
    [DataRow("Northeast Outreach [US-NE]", new[] { "US-NE" })]
    [DataRow("Gulf [US-TX; US-LA] Q3 [FLZ172]", new[] { "US-TX", "US-LA", "FLZ172" })]
    [DataRow("Plain name", new string[0])]
    [DataRow("Empty [] and [ , ]", new string[0])]
    public void Regions_are_the_codes_in_a_names_brackets(string name, string[] expected)
    {
        var labels = CampaignLabels.InName(name);

        CollectionAssert.AreEqual(expected, labels.Regions.ToArray());
        Assert.IsFalse(labels.OptedOut);
    }

    [TestMethod]
    [DataRow("Florida Renewals [US-FL] [weather:off]")]
    [DataRow("Florida Renewals [WEATHER:OFF]")]
    [DataRow("[ weather:off ] Collections")]
    public void Weather_off_in_brackets_opts_out_and_is_not_a_region(string name)
    {
        var labels = CampaignLabels.InName(name);

        Assert.IsTrue(labels.OptedOut);
        CollectionAssert.DoesNotContain(labels.Regions.ToList(), "weather:off");
    }

    [TestMethod]
    public void A_tz_label_names_the_time_zone_and_is_not_a_region()
    {
        var labels = CampaignLabels.InName("Portland Renewals [US-OR] [tz: America/Los_Angeles]");

        Assert.AreEqual("America/Los_Angeles", labels.TimeZone);
        CollectionAssert.AreEqual(new[] { "US-OR" }, labels.Regions.ToArray());
        Assert.IsNull(CampaignLabels.InName("Florida Renewals [US-FL]").TimeZone);
    }

    [TestMethod]
    public void Tokens_in_notes_are_read_without_case_and_the_first_of_a_key_wins()
    {
        var tokens = CampaignLabels.TokensIn("Dialer for FL renewals. Region=US-FL,US-GA; weather_automation=off\nregion=CA");

        Assert.AreEqual("US-FL,US-GA", tokens[CampaignLabels.RegionKey]);
        Assert.AreEqual("off", tokens[CampaignLabels.AutomationKey]);
        CollectionAssert.AreEqual(new[] { "US-FL", "US-GA" }, CampaignLabels.SplitCodes(tokens["region"]).ToArray());
    }

    [TestMethod]
    public void Text_without_tokens_or_a_name_without_brackets_yields_nothing()
    {
        Assert.AreEqual(0, CampaignLabels.TokensIn(null).Count);
        Assert.AreEqual(0, CampaignLabels.TokensIn("no tokens here, just = signs = and text").Count);
        Assert.AreEqual(0, CampaignLabels.InName(null).Regions.Count);
    }
}
