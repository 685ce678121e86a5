using System.Net;
using WeatherCampaign.Core.Campaigns;
using static WeatherCampaign.Core.Tests.Campaigns.ScriptedTenant;

namespace WeatherCampaign.Core.Tests.Campaigns;

[TestClass]
public sealed class CxoneCampaignClientTests
{
    private static IEnumerable<string> Entities(int from, int count) =>
        Enumerable.Range(from, count).Select(i => Entity($"camp-{i:D3}", "running"));

    [TestMethod]
    public async Task Reads_every_page_of_the_listing()
    {
        await using var api = CampaignApi.Start(s => s["PageSize"] = "50");
        api.Tenant.Otherwise = r => Json(HttpStatusCode.OK, r.PathAndQuery switch
        {
            var p when p.Contains("page=1&") => Page(1, 50, 120, Entities(1, 50)),
            var p when p.Contains("page=2&") => Page(2, 50, 120, Entities(51, 50)),
            _ => Page(3, 50, 120, Entities(101, 20)),
        });

        var listing = await api.Platform.ListCampaignsAsync();

        Assert.HasCount(120, listing.Campaigns);
        Assert.AreEqual(3, listing.PagesRead);
        CollectionAssert.AreEqual(Enumerable.Range(1, 120).Select(i => $"camp-{i:D3}").ToArray(), listing.Campaigns.Select(c => c.Id).ToArray());
        CollectionAssert.AreEquivalent(
            new[] { "/api/v2/outbound/campaigns?page=1&pageSize=50", "/api/v2/outbound/campaigns?page=2&pageSize=50", "/api/v2/outbound/campaigns?page=3&pageSize=50" },
            api.Tenant.ApiRequests.Select(r => r.PathAndQuery).ToArray());
    }

    [TestMethod]
    public async Task Reads_the_pages_after_the_first_concurrently()
    {
        await using var api = CampaignApi.Start(s => s["PageSize"] = "50");
        var bothLaterPagesAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var laterPages = 0;
        api.Tenant.BeforeAnswer = async (r, ct) =>
        {
            if (r.IsTokenRequest || r.PathAndQuery.Contains("page=1&"))
            {
                return;
            }
            // Page 2 is not answered until page 3 has been asked for too: a sequential reader would wait here forever.
            if (Interlocked.Increment(ref laterPages) == 2)
            {
                bothLaterPagesAsked.TrySetResult();
            }

            await bothLaterPagesAsked.Task.WaitAsync(TimeSpan.FromSeconds(5), ct);
        };
        api.Tenant.Otherwise = r => Json(HttpStatusCode.OK, r.PathAndQuery switch
        {
            var p when p.Contains("page=1&") => Page(1, 50, 120, Entities(1, 50)),
            var p when p.Contains("page=2&") => Page(2, 50, 120, Entities(51, 50)),
            _ => Page(3, 50, 120, Entities(101, 20)),
        });

        var listing = await api.Platform.ListCampaignsAsync();

        Assert.HasCount(120, listing.Campaigns);
    }

    [TestMethod]
    public async Task Reads_one_campaign()
    {
        await using var api = CampaignApi.Start();
        api.Tenant.Then(HttpStatusCode.OK, Entity("camp-1", "paused", "US-FL", "Florida Renewals"));

        var campaign = await api.Platform.GetCampaignAsync("camp-1");

        Assert.IsNotNull(campaign);
        Assert.AreEqual("Florida Renewals", campaign.Name);
        Assert.AreEqual(CampaignStatus.Paused, campaign.Status);
        Assert.AreEqual("/api/v2/outbound/campaigns/camp-1", api.Tenant.ApiRequests.Single().PathAndQuery);
    }

    [TestMethod]
    public async Task Reading_a_deleted_campaign_answers_null()
    {
        await using var api = CampaignApi.Start();
        api.Tenant.Then(HttpStatusCode.NotFound, """{"error":"not_found"}""");

        Assert.IsNull(await api.Platform.GetCampaignAsync("camp-1"));
    }

    [TestMethod]
    public async Task Status_change_answered_200_is_changed_and_sends_exactly_the_contract_body()
    {
        await using var api = CampaignApi.Start();
        api.Tenant.Then(HttpStatusCode.OK, Entity("camp-1", "paused"));

        var change = await api.Platform.SetStatusAsync("camp-1", CampaignStatus.Paused);

        Assert.AreEqual(StatusChangeOutcome.Changed, change.Outcome);
        Assert.AreEqual(CampaignStatus.Paused, change.Current!.Status);
        var patch = api.Tenant.ApiRequests.Single();
        Assert.AreEqual(HttpMethod.Patch, patch.Method);
        Assert.AreEqual("application/json", patch.ContentType);
        Assert.AreEqual("""{"status":"paused"}""", patch.Body);
    }

    [TestMethod]
    public async Task Resume_sends_running()
    {
        await using var api = CampaignApi.Start();
        api.Tenant.Then(HttpStatusCode.OK, Entity("camp-1", "running"));

        await api.Platform.SetStatusAsync("camp-1", CampaignStatus.Running);

        Assert.AreEqual("""{"status":"running"}""", api.Tenant.ApiRequests.Single().Body);
    }

    [TestMethod]
    public async Task Conflict_read_back_in_the_wanted_status_is_already_in_status()
    {
        await using var api = CampaignApi.Start();
        api.Tenant.Then(HttpStatusCode.Conflict, """{"error":"conflict"}""").Then(HttpStatusCode.OK, Entity("camp-1", "paused"));

        var change = await api.Platform.SetStatusAsync("camp-1", CampaignStatus.Paused);

        Assert.AreEqual(StatusChangeOutcome.AlreadyInStatus, change.Outcome);
        CollectionAssert.AreEqual(new[] { "PATCH", "GET" }, api.Tenant.ApiRequests.Select(r => r.Method.Method).ToArray(), "one read-back, no second PATCH");
    }

    [TestMethod]
    [DataRow("draft")]
    [DataRow("completed")]
    public async Task Conflict_read_back_in_a_status_we_must_not_force_is_a_conflict(string status)
    {
        await using var api = CampaignApi.Start();
        api.Tenant.Then(HttpStatusCode.Conflict, """{"error":"conflict"}""").Then(HttpStatusCode.OK, Entity("camp-1", status));

        var change = await api.Platform.SetStatusAsync("camp-1", CampaignStatus.Running);

        Assert.AreEqual(StatusChangeOutcome.Conflict, change.Outcome);
        Assert.AreEqual(status, change.Current!.RawStatus);
        Assert.AreEqual(1, api.Tenant.ApiRequests.Count(r => r.Method == HttpMethod.Patch), "never forced");
    }

    [TestMethod]
    public async Task Status_change_answered_404_is_gone()
    {
        await using var api = CampaignApi.Start();
        api.Tenant.Then(HttpStatusCode.NotFound, """{"error":"not_found"}""");

        var change = await api.Platform.SetStatusAsync("camp-1", CampaignStatus.Paused);

        Assert.AreEqual(StatusChangeOutcome.Gone, change.Outcome);
        Assert.IsNull(change.Current);
    }

    [TestMethod]
    public async Task Conflict_whose_read_back_finds_the_campaign_deleted_is_gone()
    {
        await using var api = CampaignApi.Start();
        api.Tenant.Then(HttpStatusCode.Conflict, "{}").Then(HttpStatusCode.NotFound, "{}");

        var change = await api.Platform.SetStatusAsync("camp-1", CampaignStatus.Paused);

        Assert.AreEqual(StatusChangeOutcome.Gone, change.Outcome);
    }

    [TestMethod]
    public async Task Unknown_status_maps_to_unknown_and_keeps_the_raw_value()
    {
        await using var api = CampaignApi.Start();
        api.Tenant.Then(HttpStatusCode.OK, Entity("camp-1", "Suspended-By-Admin"));

        var campaign = await api.Platform.GetCampaignAsync("camp-1");

        Assert.AreEqual(CampaignStatus.Unknown, campaign!.Status);
        Assert.AreEqual("Suspended-By-Admin", campaign.RawStatus);
    }

    [TestMethod]
    [DataRow("\"US-NE\"", new[] { "US-NE" })]
    [DataRow("\"US-FL, US-GA;UGC:FLZ172\"", new[] { "US-FL", "US-GA", "UGC:FLZ172" })]
    [DataRow("[\"US-FL\",\"US-GA, US-TX\"]", new[] { "US-FL", "US-GA", "US-TX" })]
    [DataRow("42", new string[0])]
    public async Task Region_attribute_is_read_as_a_string_a_list_or_an_array(string regionJson, string[] expected)
    {
        await using var api = CampaignApi.Start();
        api.Tenant.Then(HttpStatusCode.OK, $$$"""{"id":"camp-1","name":"n","status":"running","custom_attributes":{"region":{{{regionJson}}}}}""");

        var campaign = await api.Platform.GetCampaignAsync("camp-1");

        CollectionAssert.AreEqual(expected, campaign!.Regions.ToArray());
    }

    [TestMethod]
    public async Task Timezone_attribute_is_the_campaigns_time_zone()
    {
        await using var api = CampaignApi.Start();
        api.Tenant.Then(HttpStatusCode.OK, """{"id":"camp-1","name":"n","status":"running","custom_attributes":{"region":"US-OR","timezone":"America/Los_Angeles"}}""");

        var campaign = await api.Platform.GetCampaignAsync("camp-1");

        Assert.AreEqual("America/Los_Angeles", campaign!.TimeZone);
    }

    [TestMethod]
    public async Task Campaign_id_is_escaped_as_one_path_segment()
    {
        await using var api = CampaignApi.Start();
        api.Tenant.Then(HttpStatusCode.OK, Entity("camp:1@a+b=c~d", "running"));

        await api.Platform.GetCampaignAsync("camp:1@a+b=c~d");

        Assert.AreEqual("/api/v2/outbound/campaigns/camp%3A1%40a%2Bb%3Dc~d", api.Tenant.ApiRequests.Single().PathAndQuery);
    }

    public static IEnumerable<object[]> UnsafeIds =>
    [
        ["../oauth2/token"],
        ["a/b"],
        ["%2F.."],
        ["a\\b"],
        [".."],
        ["camp-1?page=2"],
        ["camp-1#x"],
        ["camp\u0000-1"],
        ["camp\r\nX-Injected: 1"],
        ["camp\u007f"],
        [""],
        [new string('a', 10 * 1024)],
    ];

    [TestMethod]
    [DynamicData(nameof(UnsafeIds))]
    public async Task Unsafe_campaign_id_is_refused_before_any_request_to_read(string id)
    {
        await using var api = CampaignApi.Start();

        await Assert.ThrowsExactlyAsync<UnsafeCampaignIdException>(() => api.Platform.GetCampaignAsync(id));

        Assert.HasCount(0, api.Tenant.Requests, "not even a token request");
    }

    [TestMethod]
    [DynamicData(nameof(UnsafeIds))]
    public async Task Unsafe_campaign_id_is_refused_before_any_request_to_change_status(string id)
    {
        await using var api = CampaignApi.Start();

        await Assert.ThrowsExactlyAsync<UnsafeCampaignIdException>(() => api.Platform.SetStatusAsync(id, CampaignStatus.Paused));

        Assert.HasCount(0, api.Tenant.Requests);
    }

    [TestMethod]
    public async Task Every_call_carries_the_bearer_token_and_accepts_json()
    {
        await using var api = CampaignApi.Start();
        api.Tenant
            .Then(HttpStatusCode.OK, Page(1, 50, 1, [Entity("camp-1", "running")]))
            .Then(HttpStatusCode.OK, Entity("camp-1", "running"))
            .Then(HttpStatusCode.Conflict, "{}")
            .Then(HttpStatusCode.OK, Entity("camp-1", "paused"));

        await api.Platform.ListCampaignsAsync();
        await api.Platform.GetCampaignAsync("camp-1");
        await api.Platform.SetStatusAsync("camp-1", CampaignStatus.Paused);

        var calls = api.Tenant.ApiRequests;
        Assert.HasCount(4, calls);
        foreach (var call in calls)
        {
            Assert.AreEqual("Bearer token-1", call.Authorization, call.PathAndQuery);
            StringAssert.Contains(call.Accept, "application/json", call.PathAndQuery);
        }
    }
}
