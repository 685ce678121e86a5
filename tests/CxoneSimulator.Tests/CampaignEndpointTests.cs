using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CxoneSimulator.Tests;

[TestClass]
public sealed class CampaignEndpointTests
{
    [TestMethod]
    public async Task Lists_every_campaign_once_across_pages_in_id_order()
    {
        await using var tenant = await Tenant.StartAsync();
        var token = await tenant.TokenAsync();

        var pages = new List<JsonElement>();
        for (var page = 1; page <= 3; page++)
        {
            pages.Add(await ReadPageAsync(tenant, token, $"api/v2/outbound/campaigns?page={page}&pageSize=3"));
        }

        var ids = pages.SelectMany(p => p.GetProperty("entities").EnumerateArray()).Select(e => e.GetProperty("id").GetString()!).ToList();
        CollectionAssert.AreEqual(tenant.State.Campaigns.Select(c => c.Id).ToList(), ids);
        CollectionAssert.AreEqual(ids.Order(StringComparer.Ordinal).ToList(), ids);
        Assert.AreEqual(7, pages[0].GetProperty("total").GetInt32());
        Assert.AreEqual(3, pages[0].GetProperty("pageCount").GetInt32());
        Assert.AreEqual(3, pages[0].GetProperty("count").GetInt32());
        Assert.AreEqual(1, pages[2].GetProperty("count").GetInt32());
        Assert.AreEqual(3, pages[2].GetProperty("page").GetInt32());
    }

    [TestMethod]
    public async Task Listing_defaults_to_page_one_of_fifty()
    {
        await using var tenant = await Tenant.StartAsync();

        var page = await ReadPageAsync(tenant, await tenant.TokenAsync(), "api/v2/outbound/campaigns");

        Assert.AreEqual(1, page.GetProperty("page").GetInt32());
        Assert.AreEqual(50, page.GetProperty("pageSize").GetInt32());
        Assert.AreEqual(1, page.GetProperty("pageCount").GetInt32());
        Assert.AreEqual(7, page.GetProperty("entities").GetArrayLength());
    }

    [TestMethod]
    public async Task Listing_keeps_custom_attributes_as_sent()
    {
        await using var tenant = await Tenant.StartAsync();

        var page = await ReadPageAsync(tenant, await tenant.TokenAsync(), "api/v2/outbound/campaigns");

        var paused = page.GetProperty("entities").EnumerateArray().Single(e => e.GetProperty("id").GetString() == Tenant.PausedId);
        Assert.AreEqual("US-FL,US-GA", paused.GetProperty("custom_attributes").GetProperty("region").GetString());
        Assert.AreEqual(CampaignEntity.Paused, paused.GetProperty("status").GetString());
    }

    [TestMethod]
    [DataRow("page=0")]
    [DataRow("page=-1")]
    [DataRow("page=abc")]
    [DataRow("pageSize=0")]
    [DataRow("pageSize=501")]
    [DataRow("page=1&page=2")]
    public async Task Rejects_invalid_paging_with_400(string query)
    {
        await using var tenant = await Tenant.StartAsync();

        using var response = await tenant.GetAsync("api/v2/outbound/campaigns?" + query, await tenant.TokenAsync());

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [TestMethod]
    public async Task Reads_one_campaign()
    {
        await using var tenant = await Tenant.StartAsync();

        using var response = await tenant.GetAsync(Tenant.CampaignPath(Tenant.RunningId), await tenant.TokenAsync());

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        var campaign = await response.Content.ReadFromJsonAsync<CampaignEntity>(SimulatorJson.Options);
        Assert.AreEqual(Tenant.RunningId, campaign!.Id);
        Assert.AreEqual("US-NE", campaign.CustomAttributes!["region"].GetString());
    }

    [TestMethod]
    public async Task Reading_a_missing_campaign_is_404()
    {
        await using var tenant = await Tenant.StartAsync();

        using var response = await tenant.GetAsync(Tenant.CampaignPath("camp-gone"), await tenant.TokenAsync());

        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
    }

    [TestMethod]
    public async Task Id_segment_is_matched_after_decoding_that_segment_alone()
    {
        await using var tenant = await Tenant.StartAsync();
        var token = await tenant.TokenAsync();

        var escaped = await tenant.SendRawAsync("GET", "/api/v2/outbound/campaigns/camp-6000%2Fodd", token);
        var unescaped = await tenant.SendRawAsync("GET", "/api/v2/outbound/campaigns/camp-6000/odd", token);

        Assert.AreEqual(200, escaped);
        Assert.AreEqual(404, unescaped);
    }

    [TestMethod]
    public async Task Pausing_a_running_campaign_answers_the_updated_entity()
    {
        await using var tenant = await Tenant.StartAsync();

        using var response = await tenant.PatchAsync(Tenant.RunningId, CampaignEntity.Paused, await tenant.TokenAsync());

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        var campaign = await response.Content.ReadFromJsonAsync<CampaignEntity>(SimulatorJson.Options);
        Assert.AreEqual(CampaignEntity.Paused, campaign!.Status);
        Assert.AreEqual(CampaignEntity.Paused, tenant.State.Get(Tenant.RunningId)!.Status);
        Assert.AreEqual(1, tenant.State.StatusChanges);
        Assert.AreEqual(1, tenant.State.PatchCount);
    }

    [TestMethod]
    public async Task Resuming_a_paused_campaign_sets_it_running()
    {
        await using var tenant = await Tenant.StartAsync();

        using var response = await tenant.PatchAsync(Tenant.PausedId, CampaignEntity.Running, await tenant.TokenAsync());

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual(CampaignEntity.Running, tenant.State.Get(Tenant.PausedId)!.Status);
    }

    [TestMethod]
    [DataRow(Tenant.RunningId, CampaignEntity.Running)]
    [DataRow(Tenant.PausedId, CampaignEntity.Paused)]
    [DataRow(Tenant.DraftId, CampaignEntity.Paused)]
    [DataRow(Tenant.DraftId, CampaignEntity.Running)]
    [DataRow(Tenant.CompletedId, CampaignEntity.Running)]
    [DataRow(Tenant.ArchivedId, CampaignEntity.Paused)]
    public async Task Transition_not_allowed_now_is_409_and_changes_nothing(string id, string target)
    {
        await using var tenant = await Tenant.StartAsync();
        var before = tenant.State.Get(id)!.Status;

        using var response = await tenant.PatchAsync(id, target, await tenant.TokenAsync());

        Assert.AreEqual(HttpStatusCode.Conflict, response.StatusCode);
        Assert.AreEqual(before, tenant.State.Get(id)!.Status);
        Assert.AreEqual(0, tenant.State.StatusChanges);
    }

    [TestMethod]
    public async Task Changing_a_missing_campaign_is_404()
    {
        await using var tenant = await Tenant.StartAsync();

        using var response = await tenant.PatchAsync("camp-gone", CampaignEntity.Paused, await tenant.TokenAsync());

        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
    }

    [TestMethod]
    [DataRow("""{"status":"stopped"}""")]
    [DataRow("""{"status":"Paused"}""")]
    [DataRow("""{"status":"draft"}""")]
    [DataRow("""{"state":"paused"}""")]
    [DataRow("""{"status":1}""")]
    [DataRow("""["paused"]""")]
    [DataRow("""{"status":""")]
    public async Task Status_other_than_paused_or_running_is_400(string body)
    {
        await using var tenant = await Tenant.StartAsync();

        using var response = await tenant.PatchAsync(Tenant.RunningId, new StringContent(body, Encoding.UTF8, "application/json"), await tenant.TokenAsync());

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.AreEqual(CampaignEntity.Running, tenant.State.Get(Tenant.RunningId)!.Status);
    }

    [TestMethod]
    public async Task Change_without_a_json_content_type_is_refused()
    {
        await using var tenant = await Tenant.StartAsync();

        using var response = await tenant.PatchAsync(
            Tenant.RunningId,
            new StringContent("""{"status":"paused"}""", Encoding.UTF8, "text/plain"),
            await tenant.TokenAsync());

        Assert.AreEqual(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.AreEqual(CampaignEntity.Running, tenant.State.Get(Tenant.RunningId)!.Status);
    }

    [TestMethod]
    public async Task Counts_api_requests_sent_without_accept_json()
    {
        await using var tenant = await Tenant.StartAsync();
        var token = await tenant.TokenAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v2/outbound/campaigns");
        request.Headers.Authorization = new("Bearer", token);
        using var withoutAccept = await tenant.Http.SendAsync(request);
        using var withAccept = await tenant.GetAsync("api/v2/outbound/campaigns", token);

        Assert.AreEqual(1, tenant.State.RequestsMissingAccept);
    }

    [TestMethod]
    public async Task Concurrent_pauses_of_one_campaign_apply_exactly_once()
    {
        await using var tenant = await Tenant.StartAsync();
        var token = await tenant.TokenAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => tenant.PatchAsync(Tenant.RunningId, CampaignEntity.Paused, token)));

        Assert.AreEqual(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.AreEqual(19, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.AreEqual(1, tenant.State.StatusChanges);
        Assert.AreEqual(20, tenant.State.PatchCount);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    private static async Task<JsonElement> ReadPageAsync(Tenant tenant, string token, string path)
    {
        using var response = await tenant.GetAsync(path, token);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
