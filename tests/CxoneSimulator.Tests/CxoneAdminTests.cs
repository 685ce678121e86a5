using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CxoneSimulator.CxoneAdmin;

namespace CxoneSimulator.Tests;

/// <summary>The simulator's CXone Admin API: the auth host, discovery, and the skills' listing and stop/start rules.</summary>
[TestClass]
public sealed class CxoneAdminTests
{
    private const string Skills = "/cxone-api/inContactAPI/services/v30.0/skills";

    private static async Task<(SimulatorServer Server, HttpClient Http)> StartAsync()
    {
        var server = await SimulatorServer.StartAsync(new SimulatorSeed());
        server.State.CxoneAdmin.Seed(
        [
            AdminSkill.Dialer(101, "Florida Renewals", notes: "region=US-FL"),
            AdminSkill.Dialer(102, "Old", active: false),
            AdminSkill.Inbound(201, "Inbound"),
            AdminSkill.ManualDial(301, "Manual"),
        ]);
        return (server, new HttpClient { BaseAddress = server.BaseUrl });
    }

    private static async Task<JsonElement> GrantAsync(HttpClient http, string key = CxoneAdminState.AccessKeySecret)
    {
        using var response = await PostTokenAsync(http, [new("grant_type", "password"), new("username", CxoneAdminState.AccessKeyId), new("password", key)]);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static Task<HttpResponseMessage> PostTokenAsync(HttpClient http, KeyValuePair<string, string>[] form, string secret = CxoneAdminState.ClientSecret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/cxone-auth/auth/token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{CxoneAdminState.ClientId}:{secret}")));
        return http.SendAsync(request);
    }

    private static HttpRequestMessage Authorized(HttpMethod method, string path, JsonElement grant)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", grant.GetProperty("access_token").GetString());
        return request;
    }

    [TestMethod]
    public async Task The_password_grant_issues_tokens_and_an_id_token_naming_the_tenant_and_discovery_names_the_api()
    {
        var (server, http) = await StartAsync();
        await using var _ = server;

        var grant = await GrantAsync(http);
        var payload = grant.GetProperty("id_token").GetString()!.Split('.')[1];
        var claims = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(payload)).RootElement;
        using var discovery = await http.GetAsync($"/cxone-auth/.well-known/cxone-configuration?tenantId={claims.GetProperty("tenantId").GetString()}");
        var api = JsonDocument.Parse(await discovery.Content.ReadAsStringAsync()).RootElement.GetProperty("api_endpoint").GetString();

        Assert.IsFalse(string.IsNullOrEmpty(grant.GetProperty("refresh_token").GetString()));
        Assert.AreEqual(3600, grant.GetProperty("expires_in").GetInt32());
        Assert.AreEqual(server.BaseAddress + "/cxone-api", api);
    }

    [TestMethod]
    public async Task A_wrong_client_secret_or_a_revoked_access_key_is_401_and_a_used_refresh_token_is_400()
    {
        var (server, http) = await StartAsync();
        await using var _ = server;
        var grant = await GrantAsync(http);
        KeyValuePair<string, string>[] refresh = [new("grant_type", "refresh_token"), new("refresh_token", grant.GetProperty("refresh_token").GetString()!)];

        using var badClient = await PostTokenAsync(http, [new("grant_type", "password"), new("username", CxoneAdminState.AccessKeyId), new("password", CxoneAdminState.AccessKeySecret)], "wrong");
        using var refreshed = await PostTokenAsync(http, refresh);
        using var reused = await PostTokenAsync(http, refresh);
        server.State.CxoneAdmin.SetAccessKey(CxoneAdminState.AccessKeyId, null);
        using var revoked = await PostTokenAsync(http, [new("grant_type", "password"), new("username", CxoneAdminState.AccessKeyId), new("password", CxoneAdminState.AccessKeySecret)]);

        Assert.AreEqual(HttpStatusCode.Unauthorized, badClient.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, revoked.StatusCode);
    }

    [TestMethod]
    public async Task The_listing_filters_and_pages_and_answers_204_when_nothing_matches()
    {
        var (server, http) = await StartAsync();
        await using var _ = server;
        var grant = await GrantAsync(http);

        using var dialers = await http.SendAsync(Authorized(HttpMethod.Get, Skills + "?mediaTypeId=4&outboundStrategy=Personal%20Connection&isActive=true&top=100&skip=0", grant));
        using var beyond = await http.SendAsync(Authorized(HttpMethod.Get, Skills + "?outboundStrategy=Nothing&top=100&skip=0", grant));
        using var tooMany = await http.SendAsync(Authorized(HttpMethod.Get, Skills + "?top=101", grant));
        using var anonymous = await http.GetAsync(Skills);

        var page = JsonDocument.Parse(await dialers.Content.ReadAsStringAsync()).RootElement;
        Assert.AreEqual(1, page.GetProperty("totalRecords").GetInt32());
        Assert.AreEqual(101, page.GetProperty("skills")[0].GetProperty("skillId").GetInt32());
        Assert.AreEqual(HttpStatusCode.NoContent, beyond.StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [TestMethod]
    public async Task Stop_and_start_change_a_dialer_and_refuse_inactive_inbound_or_already_there_skills()
    {
        var (server, http) = await StartAsync();
        await using var _ = server;
        var grant = await GrantAsync(http);

        using var stop = await http.SendAsync(Authorized(HttpMethod.Post, Skills + "/101/stop", grant));
        using var stopAgain = await http.SendAsync(Authorized(HttpMethod.Post, Skills + "/101/stop", grant));
        using var startInactive = await http.SendAsync(Authorized(HttpMethod.Post, Skills + "/102/start", grant));
        using var stopInbound = await http.SendAsync(Authorized(HttpMethod.Post, Skills + "/201/stop", grant));
        using var missing = await http.SendAsync(Authorized(HttpMethod.Post, Skills + "/999/start", grant));
        using var forced = await http.SendAsync(Authorized(HttpMethod.Post, Skills + "/101/start?force=true", grant));

        Assert.AreEqual(HttpStatusCode.Accepted, stop.StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, stopAgain.StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, startInactive.StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, stopInbound.StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.AreEqual(HttpStatusCode.Accepted, forced.StatusCode);
        Assert.AreEqual(1, server.State.CxoneAdmin.ForcedRequests, "counted, so a test can prove the service never sends it");
        Assert.AreEqual(2, server.State.CxoneAdmin.StatusChanges);
    }

    [TestMethod]
    public async Task Shared_faults_reach_the_admin_api_a_429_with_Retry_After_and_token_revocation()
    {
        var (server, http) = await StartAsync();
        await using var _ = server;
        var grant = await GrantAsync(http);
        server.State.Faults.RequestsPerSecond = 1;
        server.State.Faults.Burst = 1;

        using var first = await http.SendAsync(Authorized(HttpMethod.Get, Skills + "/101", grant));
        using var limited = await http.SendAsync(Authorized(HttpMethod.Get, Skills + "/101", grant));
        server.State.Faults.RequestsPerSecond = 0;
        server.State.RevokeAllTokens();
        using var revoked = await http.SendAsync(Authorized(HttpMethod.Get, Skills + "/101", grant));

        Assert.AreEqual(HttpStatusCode.OK, first.StatusCode);
        Assert.AreEqual((HttpStatusCode)429, limited.StatusCode);
        Assert.IsTrue(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.AreEqual(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.AreEqual(3, server.State.CountFor(SimulatorEndpoint.GetSkill), "each request recorded under its own endpoint");
    }
}
