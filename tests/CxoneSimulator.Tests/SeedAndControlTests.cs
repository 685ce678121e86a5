using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CxoneSimulator.Tests;

[TestClass]
public sealed class SeedAndControlTests
{
    [TestMethod]
    public async Task Sample_seed_loads_with_its_feeds_resolved_beside_it()
    {
        var seed = SimulatorSeed.Load(Path.Combine(AppContext.BaseDirectory, "seed.sample.json"));
        await using var server = await SimulatorServer.StartAsync(seed);
        using var http = new HttpClient();

        using var nws = await http.GetAsync(server.BaseAddress + "/feeds/nws");

        Assert.HasCount(12, seed.Campaigns);
        Assert.IsTrue(seed.Feeds.Values.All(feed => Path.IsPathRooted(feed.File)));
        Assert.AreEqual(HttpStatusCode.OK, nws.StatusCode);
        Assert.AreEqual("application/geo+json", nws.Content.Headers.ContentType!.MediaType);
        CollectionAssert.IsSubsetOf(
            new[] { "running", "paused", "draft", "completed", "archived" },
            seed.Campaigns.Select(c => c.Status).Distinct().ToList());
        Assert.IsTrue(seed.Campaigns.Any(c => c.CustomAttributes!["region"].ValueKind == JsonValueKind.Array));
    }

    [TestMethod]
    public void Generated_seed_spreads_running_campaigns_over_the_regions_repeatably()
    {
        string[] regions = ["US-NE", "US-FL", "UGC:TXZ211"];

        var seed = SimulatorSeed.Generate(300, regions);
        var again = SimulatorSeed.Generate(300, regions);

        Assert.HasCount(300, seed.Campaigns);
        Assert.AreEqual(300, seed.Campaigns.Select(c => c.Id).Distinct().Count());
        Assert.IsTrue(seed.Campaigns.All(c => c.Status == CampaignEntity.Running && c.Id.StartsWith("camp-", StringComparison.Ordinal)));
        Assert.IsTrue(seed.Campaigns.All(c => Guid.TryParse(c.Id["camp-".Length..], out _)));
        CollectionAssert.AreEqual(
            new[] { 100, 100, 100 },
            regions.Select(r => seed.Campaigns.Count(c => c.CustomAttributes!["region"].GetString() == r)).ToArray());
        StringAssert.EndsWith(seed.Campaigns[41].Name, " 0042");
        StringAssert.StartsWith(seed.Campaigns[0].Name, "Northeast ");
        CollectionAssert.AreEqual(seed.Campaigns.Select(c => c.Id).ToList(), again.Campaigns.Select(c => c.Id).ToList());
    }

    [TestMethod]
    public async Task Default_seed_serves_the_local_client()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorSeed.Default);
        using var http = new HttpClient();

        using var response = await http.PostAsync(server.BaseAddress + "/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "local-client",
            ["client_secret"] = "local-secret",
        }));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        StringAssert.StartsWith(server.BaseAddress, "http://127.0.0.1:");
        Assert.IsFalse(server.BaseAddress.EndsWith('/'));
    }

    [TestMethod]
    public async Task Person_can_set_any_status_through_the_control_endpoint()
    {
        await using var tenant = await Tenant.StartAsync();

        using var response = await tenant.Http.PutAsJsonAsync($"_sim/campaigns/{Tenant.RunningId}/status", new { status = "completed" });

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual(CampaignEntity.Completed, tenant.State.Get(Tenant.RunningId)!.Status);
        Assert.AreEqual(0, tenant.State.StatusChanges);
    }

    [TestMethod]
    public async Task Deleted_campaign_is_gone_from_the_api()
    {
        await using var tenant = await Tenant.StartAsync();
        var token = await tenant.TokenAsync();

        using var delete = await tenant.Http.DeleteAsync($"_sim/campaigns/{Tenant.RunningId}");
        using var read = await tenant.GetAsync(Tenant.CampaignPath(Tenant.RunningId), token);

        Assert.AreEqual(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, read.StatusCode);
    }

    [TestMethod]
    public async Task Campaign_list_can_be_replaced_through_the_control_endpoint()
    {
        await using var tenant = await Tenant.StartAsync();
        var replacement = SimulatorSeed.Generate(4, ["US-NE"]).Campaigns;

        using var post = await tenant.Http.PostAsJsonAsync("_sim/campaigns", replacement, SimulatorJson.Options);
        var listed = await tenant.Http.GetFromJsonAsync<List<CampaignEntity>>("_sim/campaigns", SimulatorJson.Options);

        Assert.AreEqual(HttpStatusCode.OK, post.StatusCode);
        CollectionAssert.AreEqual(replacement.Select(c => c.Id).Order(StringComparer.Ordinal).ToList(), listed!.Select(c => c.Id).ToList());
    }

    [TestMethod]
    public async Task Stats_report_the_counters()
    {
        await using var tenant = await Tenant.StartAsync();
        using var patch = await tenant.PatchAsync(Tenant.RunningId, CampaignEntity.Paused, await tenant.TokenAsync());

        var stats = await tenant.Http.GetFromJsonAsync<SimulatorStats>("_sim/stats", SimulatorJson.Options);

        Assert.AreEqual(1, stats!.TokensIssued);
        Assert.AreEqual(1, stats.StatusChanges);
        Assert.AreEqual(1, stats.RequestsByEndpoint[SimulatorEndpoint.PatchCampaign]);
        Assert.AreEqual(7, stats.CampaignCount);
    }

    [TestMethod]
    public async Task Revoke_tokens_control_endpoint_revokes()
    {
        await using var tenant = await Tenant.StartAsync();
        var token = await tenant.TokenAsync();

        using var revoke = await tenant.Http.PostAsync("_sim/revoke-tokens", content: null);
        using var read = await tenant.GetAsync(Tenant.CampaignPath(Tenant.RunningId), token);

        Assert.AreEqual(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, read.StatusCode);
    }
}
