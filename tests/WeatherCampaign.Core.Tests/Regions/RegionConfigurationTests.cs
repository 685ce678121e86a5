using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Regions;

namespace WeatherCampaign.Core.Tests.Regions;

[TestClass]
public sealed class RegionConfigurationTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddRegionCatalog(configuration).BuildServiceProvider();
    }

    [TestMethod]
    public void Group_binds_from_an_array()
    {
        using var services = Services(new()
        {
            ["Regions:Groups:US-NE:0"] = "NY",
            ["Regions:Groups:US-NE:1"] = "NJ",
            ["Regions:Groups:US-NE:2"] = "PA",
        });

        var keys = services.GetRequiredService<RegionCatalog>().KeysForCampaign(["US-NE"]);

        Assert.IsTrue(keys.SetEquals(["STATE:NY", "STATE:NJ", "STATE:PA"]));
    }

    [TestMethod]
    public void Group_binds_from_a_comma_separated_string()
    {
        using var services = Services(new() { ["Regions:Groups:US-NE"] = "NY, NJ ,PA" });

        var keys = services.GetRequiredService<RegionCatalog>().KeysForCampaign(["US-NE"]);

        Assert.IsTrue(keys.SetEquals(["STATE:NY", "STATE:NJ", "STATE:PA"]));
    }

    [TestMethod]
    public void No_groups_configured_is_valid()
    {
        using var services = Services([]);

        var catalog = services.GetRequiredService<RegionCatalog>();

        Assert.IsEmpty(catalog.GroupNames);
    }

    [TestMethod]
    public async Task Invalid_group_fails_start_up_validation_naming_the_setting()
    {
        using var services = Services(new()
        {
            ["Regions:Groups:US-NE"] = "NY,NORTH",
            ["Regions:Groups:NORTH"] = "US-NE",
        });

        var error = Assert.ThrowsExactly<OptionsValidationException>(
            () => services.GetRequiredService<IStartupValidator>().Validate());

        StringAssert.Contains(error.Message, "Regions:Groups:");
        StringAssert.Contains(error.Message, "cycle");
    }

    [TestMethod]
    public async Task Unresolvable_member_fails_start_up_validation_naming_the_setting()
    {
        using var services = Services(new() { ["Regions:Groups:US-NE"] = "NY,Nowhere Land" });

        var error = Assert.ThrowsExactly<OptionsValidationException>(
            () => services.GetRequiredService<IStartupValidator>().Validate());

        StringAssert.Contains(error.Message, "Regions:Groups:US-NE");
    }
}
