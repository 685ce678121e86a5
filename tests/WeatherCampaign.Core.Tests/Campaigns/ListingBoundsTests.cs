using System.Net;
using WeatherCampaign.Core.Campaigns;
using static WeatherCampaign.Core.Tests.Campaigns.ScriptedTenant;

namespace WeatherCampaign.Core.Tests.Campaigns;

[TestClass]
public sealed class ListingBoundsTests
{
    [TestMethod]
    [DataRow(0, 0, 50, true, DisplayName = "empty, no page")]
    [DataRow(0, 1, 50, true, DisplayName = "empty, one page")]
    [DataRow(120, 3, 50, true, DisplayName = "three pages")]
    [DataRow(100, 2, 50, true, DisplayName = "exactly two pages")]
    [DataRow(100_000, 200, 500, true, DisplayName = "the ceiling")]
    [DataRow(120, 2, 50, false, DisplayName = "too few pages for the total")]
    [DataRow(120, 1_000_000, 50, false, DisplayName = "a million pages")]
    [DataRow(2_000_000_000, 40_000_000, 50, false, DisplayName = "two billion campaigns")]
    [DataRow(100_001, 201, 500, false, DisplayName = "over the ceiling")]
    [DataRow(-1, 0, 50, false, DisplayName = "negative total")]
    [DataRow(10, -1, 50, false, DisplayName = "negative page count")]
    public void Listing_claims_are_checked_against_the_page_size_and_a_ceiling(int total, int pageCount, int pageSize, bool accepted)
    {
        var error = Record(() => ListingBounds.Check("campaign", total, pageCount, pageSize));

        Assert.AreEqual(accepted, error is null, error?.Message);
        if (error is not null)
        {
            Assert.IsInstanceOfType<CampaignListingException>(error);
            StringAssert.Contains(error.Message, "refused before reading further");
        }
    }

    [TestMethod]
    public async Task First_page_claiming_two_billion_campaigns_is_refused_before_another_request()
    {
        await using var api = CampaignApi.Start(s => s["PageSize"] = "50");
        api.Tenant.Otherwise = _ => Json(HttpStatusCode.OK,
            """{"page":1,"pageSize":50,"count":1,"total":2000000000,"pageCount":40000000,"entities":[]}""");

        await Assert.ThrowsExactlyAsync<CampaignListingException>(() => api.Platform.ListCampaignsAsync());

        Assert.HasCount(1, api.Tenant.ApiRequests, "no further page was asked for");
    }

    [TestMethod]
    public async Task Answer_larger_than_the_cap_is_a_permanent_failure_naming_the_cap()
    {
        await using var api = CampaignApi.Start();
        var huge = "\"" + new string('x', CampaignHttp.MaxResponseBytes) + "\"";
        api.Tenant.Otherwise = _ => Json(HttpStatusCode.OK, $$"""{"id":"camp-1","name":{{huge}},"status":"running"}""");

        var error = await Assert.ThrowsExactlyAsync<CampaignApiException>(() => api.Platform.GetCampaignAsync("camp-1"));

        Assert.IsFalse(error.IsTransient, "a retry cannot make the answer smaller");
        StringAssert.Contains(error.Message, "larger than 16 MiB");
    }

    private static Exception? Record(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
