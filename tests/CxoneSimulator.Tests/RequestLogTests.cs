using System.Net;

namespace CxoneSimulator.Tests;

[TestClass]
public sealed class RequestLogTests
{
    [TestMethod]
    [DataRow("/api/v2/outbound/campaigns/camp-1000-running%2F..%2Fcamp-1001-running", SimulatorEndpoint.GetCampaign)]
    [DataRow("/api/v2/outbound/campaigns/x/../camp-1000-running", SimulatorEndpoint.Unmatched)]
    [DataRow("/api/v2/outbound/campaigns/%2E%2E", SimulatorEndpoint.Unmatched)]
    [DataRow("/api/v2/outbound/campaigns/camp-1000-running/", SimulatorEndpoint.Unmatched)]
    [DataRow("/api/v2/outbound/campaigns//camp-1000-running", SimulatorEndpoint.Unmatched)]
    public async Task Odd_raw_paths_are_404_and_logged_exactly_as_sent(string rawTarget, SimulatorEndpoint endpoint)
    {
        await using var tenant = await Tenant.StartAsync();
        var token = await tenant.TokenAsync();
        tenant.State.ClearRequests();

        var status = await tenant.SendRawAsync("GET", rawTarget, token);

        Assert.AreEqual(404, status);
        var recorded = tenant.State.Requests.Single();
        Assert.AreEqual(rawTarget, recorded.RawTarget);
        Assert.AreEqual(404, recorded.StatusCode);
        Assert.AreEqual(endpoint, recorded.Endpoint);
        Assert.IsTrue(recorded.HadAuthorization);
    }

    [TestMethod]
    public async Task Log_has_method_target_status_and_authorization_presence_but_never_the_token()
    {
        await using var tenant = await Tenant.StartAsync();
        var token = await tenant.TokenAsync();

        using var listing = await tenant.GetAsync("api/v2/outbound/campaigns?page=1&pageSize=2", token);
        using var patch = await tenant.PatchAsync(Tenant.DraftId, CampaignEntity.Paused, token);

        var requests = tenant.State.Requests;
        Assert.HasCount(3, requests);
        Assert.AreEqual(new RecordedRequest(tenant.Time.GetUtcNow(), "POST", "/oauth2/token", 200, false, SimulatorEndpoint.Token), requests[0]);
        Assert.AreEqual("/api/v2/outbound/campaigns?page=1&pageSize=2", requests[1].RawTarget);
        Assert.IsTrue(requests[1].HadAuthorization);
        Assert.AreEqual(("PATCH", 409, SimulatorEndpoint.PatchCampaign), (requests[2].Method, requests[2].StatusCode, requests[2].Endpoint));
        Assert.IsFalse(requests.Any(r => r.ToString().Contains(token, StringComparison.Ordinal)));
        Assert.AreEqual(1, tenant.State.CountFor(SimulatorEndpoint.ListCampaigns));
    }

    [TestMethod]
    public async Task Known_path_with_another_method_is_405_and_logged_as_unmatched()
    {
        await using var tenant = await Tenant.StartAsync();

        var status = await tenant.SendRawAsync("DELETE", "/api/v2/outbound/campaigns/camp-1000-running");

        Assert.AreEqual(405, status);
        Assert.AreEqual((405, SimulatorEndpoint.Unmatched), (tenant.State.Requests.Single().StatusCode, tenant.State.Requests.Single().Endpoint));
        Assert.IsNotNull(tenant.State.Get(Tenant.RunningId));
    }

    [TestMethod]
    public async Task Control_requests_are_not_logged()
    {
        await using var tenant = await Tenant.StartAsync();

        using var stats = await tenant.Http.GetAsync("_sim/stats");
        using var requests = await tenant.Http.GetAsync("_sim/requests");

        Assert.AreEqual(HttpStatusCode.OK, stats.StatusCode);
        Assert.IsEmpty(tenant.State.Requests);
    }

    [TestMethod]
    public async Task Counters_and_log_reset_on_demand()
    {
        await using var tenant = await Tenant.StartAsync();
        using var response = await tenant.PatchAsync(Tenant.RunningId, CampaignEntity.Paused, await tenant.TokenAsync());

        tenant.State.ResetCounters();
        tenant.State.ClearRequests();

        Assert.AreEqual(0, tenant.State.TokensIssued);
        Assert.AreEqual(0, tenant.State.PatchCount);
        Assert.AreEqual(0, tenant.State.StatusChanges);
        Assert.AreEqual(0, tenant.State.CountFor(SimulatorEndpoint.PatchCampaign));
        Assert.IsEmpty(tenant.State.Requests);
    }
}
