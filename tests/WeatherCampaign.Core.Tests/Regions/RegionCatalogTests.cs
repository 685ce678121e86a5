using WeatherCampaign.Core.Alerts;
using WeatherCampaign.Core.Regions;

namespace WeatherCampaign.Core.Tests.Regions;

[TestClass]
public sealed class RegionCatalogTests
{
    private static readonly string[] NortheastStates = ["NY", "NJ", "PA", "CT", "RI", "MA", "VT", "NH", "ME"];

    private static RegionCatalog Catalog(params (string Name, string[] Members)[] groups) =>
        RegionCatalog.Create(groups.ToDictionary(g => g.Name, g => (IReadOnlyList<string>)g.Members));

    private static WeatherAlert Alert(params (string Name, string Value)[] geocodes) => new()
    {
        Id = "alert-1",
        Feed = "test",
        Geocodes = geocodes.Select(g => new AlertGeocode(g.Name, g.Value)).ToList(),
    };

    private static void AssertKeys(IReadOnlySet<string> actual, params string[] expected) =>
        Assert.IsTrue(actual.SetEquals(expected), $"expected [{string.Join(", ", expected)}] but got [{string.Join(", ", actual)}]");

    [TestMethod]
    public void Ugc_zone_geocode_becomes_ugc_key_and_derives_its_state()
    {
        var catalog = Catalog();

        var keys = catalog.KeysForAlert(Alert(("UGC", "NYZ072")));

        AssertKeys(keys, "UGC:NYZ072", "STATE:NY");
    }

    [TestMethod]
    public void Ugc_county_geocode_derives_its_state()
    {
        var keys = Catalog().KeysForAlert(Alert(("UGC", "AZC013")));

        AssertKeys(keys, "UGC:AZC013", "STATE:AZ");
    }

    [TestMethod]
    [DataRow("ANZ335")]
    [DataRow("AMZ630")]
    [DataRow("GMZ850")]
    [DataRow("LMZ741")]
    [DataRow("PZZ210")]
    [DataRow("PKZ120")]
    [DataRow("PHZ110")]
    [DataRow("SLZ022")]
    public void Marine_zone_derives_no_state(string marineZone)
    {
        var keys = Catalog().KeysForAlert(Alert(("UGC", marineZone)));

        AssertKeys(keys, "UGC:" + marineZone);
    }

    [TestMethod]
    public void Same_code_derives_state_from_fips_table()
    {
        var keys = Catalog().KeysForAlert(Alert(("SAME", "036061")));

        AssertKeys(keys, "SAME:036061", "STATE:NY");
    }

    [TestMethod]
    [DataRow("011001", "STATE:DC")]
    [DataRow("072127", "STATE:PR")]
    [DataRow("078010", "STATE:VI")]
    [DataRow("066010", "STATE:GU")]
    [DataRow("002020", "STATE:AK")]
    public void Same_code_of_district_or_territory_derives_it(string same, string state)
    {
        var keys = Catalog().KeysForAlert(Alert(("SAME", same)));

        Assert.Contains(state, keys);
    }

    [TestMethod]
    public void Same_marine_area_derives_no_state()
    {
        var keys = Catalog().KeysForAlert(Alert(("SAME", "073535")));

        AssertKeys(keys, "SAME:073535");
    }

    [TestMethod]
    public void Partial_county_same_code_also_covers_the_whole_county()
    {
        var keys = Catalog().KeysForAlert(Alert(("SAME", "136061")));

        AssertKeys(keys, "SAME:136061", "SAME:036061", "STATE:NY");
    }

    [TestMethod]
    public void Fips6_geocode_shares_the_same_key()
    {
        var keys = Catalog().KeysForAlert(Alert(("FIPS6", "36061")));

        AssertKeys(keys, "SAME:036061", "STATE:NY");
    }

    [TestMethod]
    public void Emma_id_and_cap_cp_location_keep_their_names()
    {
        var keys = Catalog().KeysForAlert(Alert(("EMMA_ID", "pl804"), ("profile:CAP-CP:Location:0.3", "4801")));

        AssertKeys(keys, "EMMA_ID:PL804", "CAP-CP:Location:0.3:4801");
    }

    [TestMethod]
    public void Unknown_geocode_name_gives_generic_key_and_resolves_its_value_like_a_campaign_code()
    {
        var keys = Catalog().KeysForAlert(Alert(("layer:EC-MSC-SMC:1.0:CLC", " 067200 "), ("zone", "nyz072")));

        AssertKeys(keys,
            "LAYER:EC-MSC-SMC:1.0:CLC:067200", "REGION:067200",
            "ZONE:nyz072", "UGC:NYZ072", "STATE:NY");
    }

    [TestMethod]
    public void Simple_feed_region_matches_campaign_region_case_insensitively()
    {
        var catalog = Catalog();

        var alertKeys = catalog.KeysForAlert(Alert(("REGION", "XYZ")));
        var campaignKeys = catalog.KeysForCampaign(["xyz"]);

        AssertKeys(alertKeys, "REGION:XYZ");
        Assert.IsTrue(alertKeys.Overlaps(campaignKeys));
    }

    [TestMethod]
    public void Simple_feed_region_naming_a_group_covers_the_group()
    {
        var catalog = Catalog(("US-NE", NortheastStates));

        var keys = catalog.KeysForAlert(Alert(("REGION", "US-NE")));

        AssertKeys(keys, NortheastStates.Select(s => "STATE:" + s).ToArray());
    }

    [TestMethod]
    public void Configured_us_ne_means_northeast_not_nebraska()
    {
        var catalog = Catalog(("US-NE", NortheastStates));

        var keys = catalog.KeysForCampaign(["US-NE"]);

        AssertKeys(keys, NortheastStates.Select(s => "STATE:" + s).ToArray());
        Assert.DoesNotContain("STATE:NE", keys);
    }

    [TestMethod]
    public void Group_named_with_an_underscore_serves_campaigns_that_write_a_hyphen()
    {
        // Linux App Service cannot carry '-' in a setting name: Regions__Groups__US_NE must still mean the customer's US-NE.
        var catalog = Catalog(("US_NE", NortheastStates));

        var keys = catalog.KeysForCampaign(["us-ne"]);

        AssertKeys(keys, NortheastStates.Select(s => "STATE:" + s).ToArray());
    }

    [TestMethod]
    public void Unconfigured_us_ne_is_nebraska()
    {
        var keys = Catalog().KeysForCampaign(["US-NE"]);

        AssertKeys(keys, "STATE:NE");
    }

    [TestMethod]
    public void Group_name_is_case_insensitive()
    {
        var catalog = Catalog(("US-NE", NortheastStates));

        var keys = catalog.KeysForCampaign([" us-ne "]);

        Assert.HasCount(NortheastStates.Length, keys);
    }

    [TestMethod]
    public void Group_of_groups_expands_recursively()
    {
        var catalog = Catalog(
            ("EAST", ["US-NE", "SOUTHEAST", "UGC:VAZ053"]),
            ("US-NE", ["NY", "NJ"]),
            ("SOUTHEAST", ["US-FL", "GA"]));

        var keys = catalog.KeysForCampaign(["east"]);

        AssertKeys(keys, "STATE:NY", "STATE:NJ", "STATE:FL", "STATE:GA", "UGC:VAZ053");
    }

    [TestMethod]
    public void Group_cycle_is_refused_naming_the_setting()
    {
        var error = Assert.ThrowsExactly<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            Catalog(("US-NE", ["NY", "NORTH"]), ("NORTH", ["US-NE"])));

        StringAssert.Contains(error.Message, "Regions:Groups:");
        StringAssert.Contains(error.Message, "cycle");
    }

    [TestMethod]
    public void Group_member_that_resolves_to_nothing_is_refused_naming_the_setting()
    {
        var error = Assert.ThrowsExactly<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            Catalog(("US-NE", ["NY", "NEW ENGLAND"])));

        StringAssert.Contains(error.Message, "Regions:Groups:US-NE");
        StringAssert.Contains(error.Message, "NEW ENGLAND");
    }

    [TestMethod]
    public void Campaign_key_written_canonically_is_taken_as_written()
    {
        var keys = Catalog().KeysForCampaign(["ugc:nyz072", "Same:036061", "fips6:36047", "EMMA_ID:PL804", "CAP-CP:Location:0.3:4801", "state:ny"]);

        AssertKeys(keys, "UGC:NYZ072", "SAME:036061", "SAME:036047", "EMMA_ID:PL804", "CAP-CP:Location:0.3:4801", "STATE:NY");
    }

    [TestMethod]
    [DataRow("US-NY")]
    [DataRow("us-ny")]
    [DataRow("NY")]
    [DataRow(" ny ")]
    public void Campaign_state_code_becomes_state_key(string code)
    {
        var keys = Catalog().KeysForCampaign([code]);

        AssertKeys(keys, "STATE:NY");
    }

    [TestMethod]
    [DataRow("PR")]
    [DataRow("DC")]
    [DataRow("GU")]
    public void Campaign_territory_code_becomes_state_key(string code)
    {
        var keys = Catalog().KeysForCampaign([code]);

        AssertKeys(keys, "STATE:" + code);
    }

    [TestMethod]
    public void Bare_ugc_codes_become_ugc_keys()
    {
        var keys = Catalog().KeysForCampaign(["nyz072", "NYC061"]);

        AssertKeys(keys, "UGC:NYZ072", "UGC:NYC061");
    }

    [TestMethod]
    public void Anything_else_is_an_opaque_region_key()
    {
        var keys = Catalog().KeysForCampaign(["Tri-State Metro", "ZZ"]);

        AssertKeys(keys, "REGION:TRI-STATE METRO", "REGION:ZZ");
    }

    [TestMethod]
    public void Zone_campaign_is_not_hit_by_a_state_wide_alert()
    {
        var catalog = Catalog();

        var alertKeys = catalog.KeysForAlert(Alert(("STATE", "NY")));
        var campaignKeys = catalog.KeysForCampaign(["NYZ072"]);

        Assert.IsFalse(alertKeys.Overlaps(campaignKeys));
    }

    [TestMethod]
    public void State_campaign_is_hit_by_a_zone_alert_in_that_state()
    {
        var catalog = Catalog();

        var alertKeys = catalog.KeysForAlert(Alert(("UGC", "NYZ072")));
        var campaignKeys = catalog.KeysForCampaign(["US-NY"]);

        Assert.IsTrue(alertKeys.Overlaps(campaignKeys));
    }

    [TestMethod]
    public void Northeast_campaign_is_hit_by_a_county_alert_in_new_jersey()
    {
        var catalog = Catalog(("US-NE", NortheastStates));

        var alertKeys = catalog.KeysForAlert(Alert(("SAME", "034013")));
        var campaignKeys = catalog.KeysForCampaign(["US-NE"]);

        Assert.IsTrue(alertKeys.Overlaps(campaignKeys));
    }

    [TestMethod]
    public void Blank_codes_and_geocodes_are_ignored()
    {
        var catalog = Catalog();

        Assert.IsEmpty(catalog.KeysForCampaign(["", "  "]));
        Assert.IsEmpty(catalog.KeysForAlert(Alert(("UGC", " "), ("", "NYZ072"))));
    }
}
