using System.Net;
using System.Text.Json;

namespace CxoneSimulator.Tests;

[TestClass]
public sealed class FaultInjectionTests
{
    [TestMethod]
    public async Task Next_requests_fail_with_the_configured_status_then_recover()
    {
        await using var tenant = await Tenant.StartAsync();
        var token = await tenant.TokenAsync();
        tenant.State.Faults.FailNextRequests = 2;

        using var first = await tenant.GetAsync(Tenant.CampaignPath(Tenant.RunningId), token);
        using var second = await tenant.GetAsync(Tenant.CampaignPath(Tenant.RunningId), token);
        using var third = await tenant.GetAsync(Tenant.CampaignPath(Tenant.RunningId), token);

        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, third.StatusCode);
    }

    [TestMethod]
    public async Task Failure_filter_leaves_other_paths_alone_and_is_used_up_by_matches_only()
    {
        await using var tenant = await Tenant.StartAsync();
        var token = await tenant.TokenAsync();
        tenant.State.Faults.FailNextRequests = 1;
        tenant.State.Faults.FailStatusCode = 502;
        tenant.State.Faults.FailPathContains = Tenant.OtherRunningId;

        using var other = await tenant.GetAsync(Tenant.CampaignPath(Tenant.RunningId), token);
        using var matching = await tenant.PatchAsync(Tenant.OtherRunningId, CampaignEntity.Paused, token);

        Assert.AreEqual(HttpStatusCode.OK, other.StatusCode);
        Assert.AreEqual(HttpStatusCode.BadGateway, matching.StatusCode);
        Assert.AreEqual(CampaignEntity.Running, tenant.State.Get(Tenant.OtherRunningId)!.Status);
    }

    [TestMethod]
    public async Task Tenant_down_for_good_fails_every_tenant_request_but_not_feeds()
    {
        await using var tenant = await Tenant.StartAsync();
        tenant.State.SetFeed("alerts", """{"alerts":[]}""", "application/json");
        tenant.State.Faults.FailAllRequests = true;

        using var token = await tenant.RequestTokenAsync();
        using var listing = await tenant.GetAsync("api/v2/outbound/campaigns", "any");
        using var feed = await tenant.Http.GetAsync("feeds/alerts");

        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, token.StatusCode);
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, listing.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, feed.StatusCode);
    }

    [TestMethod]
    public async Task Failing_listing_page_answers_500_while_other_pages_serve()
    {
        await using var tenant = await Tenant.StartAsync();
        var token = await tenant.TokenAsync();
        tenant.State.Faults.FailListingPage = 2;

        using var first = await tenant.GetAsync("api/v2/outbound/campaigns?page=1&pageSize=3", token);
        using var second = await tenant.GetAsync("api/v2/outbound/campaigns?page=2&pageSize=3", token);
        using var again = await tenant.GetAsync("api/v2/outbound/campaigns?page=2&pageSize=3", token);

        Assert.AreEqual(HttpStatusCode.OK, first.StatusCode);
        Assert.AreEqual(HttpStatusCode.InternalServerError, second.StatusCode);
        Assert.AreEqual(HttpStatusCode.InternalServerError, again.StatusCode);
    }

    [TestMethod]
    public async Task Listing_grows_once_after_the_configured_page_so_page_count_changes()
    {
        await using var tenant = await Tenant.StartAsync();
        var token = await tenant.TokenAsync();
        tenant.State.Faults.GrowListingAfterPage = 1;
        tenant.State.Faults.GrowBy = 5;

        var first = await PageCountAsync(tenant, token, 1);
        var second = await PageCountAsync(tenant, token, 2);
        var firstAgain = await PageCountAsync(tenant, token, 1);

        Assert.AreEqual(3, first);
        Assert.AreEqual(4, second);
        Assert.AreEqual(4, firstAgain);
        Assert.HasCount(12, tenant.State.Campaigns);
        Assert.IsTrue(tenant.State.Campaigns.Count(c => c.Status == CampaignEntity.Running) >= 8);
    }

    [TestMethod]
    public async Task Hung_change_is_applied_although_the_client_gave_up()
    {
        await using var tenant = await Tenant.StartAsync();
        var token = await tenant.TokenAsync();
        tenant.State.Faults.HangMs = 30_000;
        tenant.State.Faults.HangNextRequests = 1;
        using var giveUp = new CancellationTokenSource();

        using var request = Tenant.Request(HttpMethod.Patch, Tenant.CampaignPath(Tenant.RunningId), token);
        request.Content = new StringContent("""{"status":"paused"}""", System.Text.Encoding.UTF8, "application/json");
        var sent = tenant.Http.SendAsync(request, giveUp.Token);
        // The client gives up only once the server has applied the change and is holding back its answer.
        await WaitUntilAsync(() => tenant.State.StatusChanges == 1, "the change to be applied");
        Assert.IsFalse(sent.IsCompleted);
        await giveUp.CancelAsync();
        await Assert.ThrowsAsync<TaskCanceledException>(() => sent);

        Assert.AreEqual(CampaignEntity.Paused, tenant.State.Get(Tenant.RunningId)!.Status);
        Assert.AreEqual(1, tenant.State.StatusChanges);
    }

    [TestMethod]
    public async Task Hang_before_applying_applies_nothing_when_the_client_leaves()
    {
        await using var tenant = await Tenant.StartAsync();
        var token = await tenant.TokenAsync();
        tenant.State.Faults.HangMs = 30_000;
        tenant.State.Faults.HangNextRequests = 1;
        tenant.State.Faults.ApplyThenHang = false;
        using var giveUp = new CancellationTokenSource();

        using var request = Tenant.Request(HttpMethod.Patch, Tenant.CampaignPath(Tenant.RunningId), token);
        request.Content = new StringContent("""{"status":"paused"}""", System.Text.Encoding.UTF8, "application/json");
        var sent = tenant.Http.SendAsync(request, giveUp.Token);
        // Taking the armed hang is the server's last step before it waits, so the client leaves a request that hangs.
        await WaitUntilAsync(() => tenant.State.Faults.HangNextRequests == 0, "the server to take the hang");
        await giveUp.CancelAsync();
        await Assert.ThrowsAsync<TaskCanceledException>(() => sent);
        var recorded = await WaitForRecordedAsync(tenant, SimulatorEndpoint.PatchCampaign);

        Assert.AreEqual(RecordedRequest.ClientClosedRequest, recorded.StatusCode);
        Assert.AreEqual(CampaignEntity.Running, tenant.State.Get(Tenant.RunningId)!.Status);
        Assert.AreEqual(0, tenant.State.StatusChanges);
    }

    [TestMethod]
    public async Task Latency_delays_contract_requests_but_not_control_requests()
    {
        await using var tenant = await Tenant.StartAsync();
        tenant.State.Faults.LatencyMs = 60_000;
        using var giveUp = new CancellationTokenSource();

        var delayed = tenant.Http.PostAsync("oauth2/token", new FormUrlEncodedContent([]), giveUp.Token);
        await WaitUntilAsync(() => tenant.State.RequestsInFlight == 1, "the server to hold the token request");
        // The control request answers while the token request is held: a fixed 60 s delay cannot be mistaken
        // for a slow machine, so no client deadline stands in for the comparison.
        using var control = await tenant.Http.GetAsync("_sim/stats");
        var delayedStillWaiting = !delayed.IsCompleted;
        await giveUp.CancelAsync();
        await Assert.ThrowsAsync<TaskCanceledException>(() => delayed);
        var recorded = await WaitForRecordedAsync(tenant, SimulatorEndpoint.Token);

        Assert.AreEqual(RecordedRequest.ClientClosedRequest, recorded.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, control.StatusCode);
        Assert.IsTrue(delayedStillWaiting);
    }

    [TestMethod]
    public async Task Faults_round_trip_through_the_control_endpoint()
    {
        await using var tenant = await Tenant.StartAsync();

        using var put = await tenant.Http.PutAsync("_sim/faults", new StringContent(
            """{"requestsPerSecond":5,"retryAfterMode":"HttpDate","failNextRequests":2,"feedFaults":{"nws":"Html"}}""",
            System.Text.Encoding.UTF8,
            "application/json"));
        using var get = await tenant.Http.GetAsync("_sim/faults");

        Assert.AreEqual(HttpStatusCode.OK, put.StatusCode);
        var faults = tenant.State.Faults;
        Assert.AreEqual(5, faults.RequestsPerSecond);
        Assert.AreEqual(RetryAfterMode.HttpDate, faults.RetryAfterMode);
        Assert.AreEqual(2, faults.FailNextRequests);
        Assert.AreEqual(FeedFault.Html, faults.FeedFaults["nws"]);
        Assert.AreEqual(503, faults.FailStatusCode);
        using var body = JsonDocument.Parse(await get.Content.ReadAsStringAsync());
        Assert.AreEqual("HttpDate", body.RootElement.GetProperty("retryAfterMode").GetString());
    }

    private static async Task<int> PageCountAsync(Tenant tenant, string token, int page)
    {
        using var response = await tenant.GetAsync($"api/v2/outbound/campaigns?page={page}&pageSize=3", token);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("pageCount").GetInt32();
    }

    /// <summary>Polls what the simulator has seen, bounded (5 s), until <paramref name="condition"/> holds.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            if (condition())
            {
                return;
            }

            await Task.Delay(10);
        }

        throw new AssertFailedException($"Gave up waiting for {what}.");
    }

    /// <summary>The server notices a departed client a moment after the client does; wait (bounded) until it has.</summary>
    private static async Task<RecordedRequest> WaitForRecordedAsync(Tenant tenant, SimulatorEndpoint endpoint)
    {
        RecordedRequest? recorded = null;
        await WaitUntilAsync(() => (recorded = tenant.State.Requests.FirstOrDefault(r => r.Endpoint == endpoint)) is not null, $"a {endpoint} request to be recorded");
        return recorded!;
    }
}
