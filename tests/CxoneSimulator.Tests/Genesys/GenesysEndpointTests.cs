using System.Net;
using System.Text.Json.Nodes;
using CxoneSimulator.Genesys;

namespace CxoneSimulator.Tests.Genesys;

/// <summary>The simulated Genesys Cloud API: Basic-auth tokens, paging, versions, transitions, stopping, and what a PUT changed.</summary>
[TestClass]
public sealed class GenesysEndpointTests
{
    private static readonly string Running = GenesysCampaignFactory.IdFor(1);
    private static readonly string Off = GenesysCampaignFactory.IdFor(2);
    private static readonly string Complete = GenesysCampaignFactory.IdFor(3);

    private static async Task<(Tenant Tenant, GenesysOrgClient Client)> StartAsync(int extra = 0)
    {
        var tenant = await Tenant.StartAsync();
        tenant.State.Genesys.Seed(
        [
            GenesysCampaignFactory.Create(1, "Florida Renewals [US-FL]"),
            GenesysCampaignFactory.Create(2, "Texas Retention [US-TX]", "off"),
            GenesysCampaignFactory.Create(3, "Q2 Winback", "complete"),
            .. Enumerable.Range(10, extra).Select(i => GenesysCampaignFactory.Create(i, $"Campaign {i}")),
        ]);
        return (tenant, new GenesysOrgClient(tenant));
    }

    [TestMethod]
    public async Task Token_needs_Basic_client_authentication_and_the_client_credentials_grant()
    {
        var (tenant, client) = await StartAsync();
        await using var _ = tenant;

        using var basic = await client.RequestTokenAsync(GenesysOrgClient.Basic());
        using var none = await client.RequestTokenAsync(null, $"grant_type=client_credentials&client_id={SimulatorSeed.LocalClientId}&client_secret={SimulatorSeed.LocalClientSecret}");
        using var wrong = await client.RequestTokenAsync(GenesysOrgClient.Basic(secret: "wrong"));
        using var grant = await client.RequestTokenAsync(GenesysOrgClient.Basic(), "grant_type=password");

        Assert.AreEqual(HttpStatusCode.OK, basic.StatusCode);
        var answer = JsonNode.Parse(await basic.Content.ReadAsStringAsync())!;
        Assert.AreEqual("bearer", answer["token_type"]!.GetValue<string>());
        Assert.IsGreaterThan(0, answer["expires_in"]!.GetValue<int>());
        Assert.AreEqual(HttpStatusCode.BadRequest, none.StatusCode, "secrets in the form are refused");
        Assert.AreEqual(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, grant.StatusCode);
        Assert.AreEqual(1, tenant.State.TokensIssued);
    }

    [TestMethod]
    public async Task Listing_pages_at_most_100_with_page_count_and_total()
    {
        var (tenant, client) = await StartAsync(extra: 150);
        await using var _ = tenant;
        var token = await client.TokenAsync();

        var (firstResponse, first) = await client.GetAsync("?pageSize=100&pageNumber=1", token);
        var (_, second) = await client.GetAsync("?pageSize=100&pageNumber=2", token);
        var (tooBig, _) = await client.GetAsync("?pageSize=101&pageNumber=1", token);
        var (unauthorized, _) = await client.GetAsync("?pageSize=100&pageNumber=1", "not-a-token");

        Assert.AreEqual(HttpStatusCode.OK, firstResponse.StatusCode);
        Assert.HasCount(100, first!["entities"]!.AsArray());
        Assert.HasCount(53, second!["entities"]!.AsArray());
        Assert.AreEqual(153, first["total"]!.GetValue<int>());
        Assert.AreEqual(2, first["pageCount"]!.GetValue<int>());
        Assert.AreEqual(2, second["pageNumber"]!.GetValue<int>());
        Assert.IsNotNull(first["nextUri"]);
        Assert.IsNull(second["nextUri"]);
        Assert.AreEqual(HttpStatusCode.BadRequest, tooBig.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.AreEqual(2, tenant.State.CountFor(SimulatorEndpoint.GenesysListCampaigns) - 2, "two pages read, plus the two refused");
    }

    [TestMethod]
    public async Task Put_with_the_current_version_turns_off_through_stopping_and_raises_the_version()
    {
        var (tenant, client) = await StartAsync();
        await using var _ = tenant;
        var token = await client.TokenAsync();
        var (_, read) = await client.GetAsync("/" + Running, token);

        var (response, answer) = await client.PutAsync(Running, GenesysOrgClient.With(read!, "campaignStatus", "off"), token);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("stopping", answer!["campaignStatus"]!.GetValue<string>());
        Assert.AreEqual(2, answer["version"]!.GetValue<int>());
        Assert.AreEqual(1, client.Org.StatusChanges);
        Assert.IsEmpty(client.Org.FieldChanges);
        var (_, stillStopping) = await client.GetAsync("/" + Running, token);
        var (_, settled) = await client.GetAsync("/" + Running, token);
        Assert.AreEqual("stopping", stillStopping!["campaignStatus"]!.GetValue<string>(), "one read still sees stopping (StoppingReads 1)");
        Assert.AreEqual("off", settled!["campaignStatus"]!.GetValue<string>());
        Assert.AreEqual(3, settled["version"]!.GetValue<int>(), "settling is a change too");
    }

    [TestMethod]
    public async Task Stopping_settles_after_the_configured_time_on_the_simulator_clock()
    {
        var (tenant, client) = await StartAsync();
        await using var _ = tenant;
        client.Org.Rules.StoppingReads = 100;
        client.Org.Rules.StoppingFor = TimeSpan.FromSeconds(30);
        var token = await client.TokenAsync();
        var (_, read) = await client.GetAsync("/" + Running, token);
        await client.PutAsync(Running, GenesysOrgClient.With(read!, "campaignStatus", "off"), token);

        var (_, early) = await client.GetAsync("/" + Running, token);
        tenant.Time.Advance(TimeSpan.FromSeconds(30));
        var (_, late) = await client.GetAsync("/" + Running, token);

        Assert.AreEqual("stopping", early!["campaignStatus"]!.GetValue<string>());
        Assert.AreEqual("off", late!["campaignStatus"]!.GetValue<string>());
    }

    [TestMethod]
    [DataRow(false, HttpStatusCode.Conflict)]
    [DataRow(true, HttpStatusCode.BadRequest)]
    public async Task Stale_version_is_refused_and_changes_nothing(bool as400, HttpStatusCode expected)
    {
        var (tenant, client) = await StartAsync();
        await using var _ = tenant;
        client.Org.Rules.StaleVersionAs400 = as400;
        var token = await client.TokenAsync();
        var (_, read) = await client.GetAsync("/" + Running, token);
        client.Org.EditAsPerson(Running, body => body["callerName"] = "Edited by a person");

        var (response, error) = await client.PutAsync(Running, GenesysOrgClient.With(read!, "campaignStatus", "off"), token);

        Assert.AreEqual(expected, response.StatusCode);
        StringAssert.Contains(error!["message"]!.GetValue<string>(), "does not match");
        var stored = client.Org.Get(Running)!;
        Assert.AreEqual("on", stored["campaignStatus"]!.GetValue<string>());
        Assert.AreEqual("Edited by a person", stored["callerName"]!.GetValue<string>());
        Assert.AreEqual(2, stored["version"]!.GetValue<int>(), "the person's edit raised it once");
    }

    [TestMethod]
    public async Task Illegal_transition_is_answered_400_invalid_transition()
    {
        var (tenant, client) = await StartAsync();
        await using var _ = tenant;
        var token = await client.TokenAsync();
        var (_, read) = await client.GetAsync("/" + Complete, token);

        var (response, error) = await client.PutAsync(Complete, GenesysOrgClient.With(read!, "campaignStatus", "off"), token);

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        StringAssert.Contains(error!["message"]!.GetValue<string>(), "Invalid transition from <COMPLETE> to <OFF>");
        Assert.AreEqual("complete", client.Org.StatusOf(Complete));
        Assert.AreEqual(0, client.Org.StatusChanges);
    }

    [TestMethod]
    public async Task Every_other_field_a_put_changes_is_recorded()
    {
        var (tenant, client) = await StartAsync();
        await using var _ = tenant;
        var token = await client.TokenAsync();
        var (_, read) = await client.GetAsync("/" + Off, token);
        var changed = GenesysOrgClient.With(read!, "campaignStatus", "on");
        changed["abandonRate"] = 9.5;
        changed.Remove("futureSetting");

        var (response, _) = await client.PutAsync(Off, changed, token);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, "the platform accepts it; the record is what shows the damage");
        CollectionAssert.AreEquivalent(new[] { "abandonRate", "futureSetting" }, client.Org.FieldChanges.Select(c => c.Field).ToArray());
        Assert.IsNull(client.Org.FieldChanges.Single(c => c.Field == "futureSetting").After);
    }

    [TestMethod]
    public async Task A_persons_edit_raises_the_version_and_is_not_recorded_as_a_put_change()
    {
        var (tenant, client) = await StartAsync();
        await using var _ = tenant;

        var edited = client.Org.EditAsPerson(Running, body => body["outboundLineCount"] = 9)!;

        Assert.AreEqual(2, edited["version"]!.GetValue<int>());
        Assert.AreEqual(9, client.Org.Get(Running)!["outboundLineCount"]!.GetValue<int>());
        Assert.IsEmpty(client.Org.FieldChanges);
        Assert.AreEqual(0, client.Org.PutCount);
    }

    [TestMethod]
    public async Task Rate_limited_genesys_requests_carry_retry_after_and_the_inin_ratelimit_headers()
    {
        var (tenant, client) = await StartAsync();
        await using var _ = tenant;
        var token = await client.TokenAsync();
        tenant.State.Faults.RequestsPerSecond = 1;
        tenant.State.Faults.Burst = 1;
        tenant.State.Faults.RetryAfterMode = RetryAfterMode.None;

        using var allowed = (await client.GetAsync("/" + Running, token)).Response;
        using var limited = (await client.GetAsync("/" + Running, token)).Response;

        Assert.AreEqual(HttpStatusCode.OK, allowed.StatusCode);
        Assert.AreEqual(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.IsNull(limited.Headers.RetryAfter, "RetryAfterMode.None leaves only Genesys's own header");
        Assert.AreEqual("1", limited.Headers.GetValues("inin-ratelimit-reset").Single());
    }

    [TestMethod]
    public async Task Revoked_tokens_are_refused_on_the_genesys_api_too()
    {
        var (tenant, client) = await StartAsync();
        await using var _ = tenant;
        var token = await client.TokenAsync();

        tenant.State.RevokeAllTokens();
        var (response, _) = await client.GetAsync("/" + Running, token);

        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
