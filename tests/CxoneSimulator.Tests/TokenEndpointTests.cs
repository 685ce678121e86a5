using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CxoneSimulator.Tests;

[TestClass]
public sealed class TokenEndpointTests
{
    [TestMethod]
    public async Task Issues_bearer_token_for_form_encoded_client_credentials()
    {
        await using var tenant = await Tenant.StartAsync();

        using var response = await tenant.RequestTokenAsync();

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        Assert.IsFalse(string.IsNullOrEmpty(root.GetProperty("access_token").GetString()));
        Assert.AreEqual("Bearer", root.GetProperty("token_type").GetString());
        Assert.AreEqual(600, root.GetProperty("expires_in").GetInt32());
        Assert.AreEqual("outbound:campaign:read outbound:campaign:write", root.GetProperty("scope").GetString());
        Assert.AreEqual(1, tenant.State.TokensIssued);
    }

    [TestMethod]
    public async Task Issues_a_different_opaque_token_each_time()
    {
        await using var tenant = await Tenant.StartAsync();

        var first = await tenant.TokenAsync();
        var second = await tenant.TokenAsync();

        Assert.AreNotEqual(first, second);
    }

    [TestMethod]
    public async Task Rejects_json_token_request_with_an_error_document()
    {
        await using var tenant = await Tenant.StartAsync();

        using var response = await tenant.Http.PostAsync("oauth2/token", JsonContent.Create(new
        {
            grant_type = "client_credentials",
            client_id = SimulatorSeed.LocalClientId,
            client_secret = SimulatorSeed.LocalClientSecret,
        }));

        Assert.AreEqual(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), "invalid_request");
        Assert.AreEqual(0, tenant.State.TokensIssued);
    }

    [TestMethod]
    [DataRow(SimulatorSeed.LocalClientId, "wrong-secret")]
    [DataRow("unknown-client", SimulatorSeed.LocalClientSecret)]
    public async Task Rejects_bad_client_credentials_with_401_invalid_client(string clientId, string secret)
    {
        await using var tenant = await Tenant.StartAsync();

        using var response = await tenant.RequestTokenAsync(clientId, secret);

        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), "\"error\":\"invalid_client\"");
    }

    [TestMethod]
    public async Task Rejects_another_grant_type_with_401()
    {
        await using var tenant = await Tenant.StartAsync();

        using var response = await tenant.RequestTokenAsync(grantType: "password");

        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [TestMethod]
    public async Task Refuses_a_client_without_the_read_scope_with_403()
    {
        await using var tenant = await Tenant.StartAsync();

        using var response = await tenant.RequestTokenAsync(Tenant.ScopelessId, Tenant.ScopelessSecret);

        Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [TestMethod]
    public async Task Refuses_a_requested_scope_the_client_lacks_with_403()
    {
        await using var tenant = await Tenant.StartAsync();

        using var response = await tenant.RequestTokenAsync(Tenant.ReaderId, Tenant.ReaderSecret, scope: "outbound:campaign:read outbound:campaign:write");

        Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [TestMethod]
    public async Task Read_only_token_cannot_change_a_campaign()
    {
        await using var tenant = await Tenant.StartAsync();
        var token = await tenant.TokenAsync(Tenant.ReaderId, Tenant.ReaderSecret);

        using var read = await tenant.GetAsync(Tenant.CampaignPath(Tenant.RunningId), token);
        using var patch = await tenant.PatchAsync(Tenant.RunningId, CampaignEntity.Paused, token);

        Assert.AreEqual(HttpStatusCode.OK, read.StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, patch.StatusCode);
        Assert.AreEqual(CampaignEntity.Running, tenant.State.Get(Tenant.RunningId)!.Status);
    }

    [TestMethod]
    public async Task Api_call_without_a_bearer_token_is_401()
    {
        await using var tenant = await Tenant.StartAsync();

        using var response = await tenant.GetAsync("api/v2/outbound/campaigns", token: null);

        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.IsTrue(response.Headers.WwwAuthenticate.Any(h => h.Scheme == "Bearer"));
    }

    [TestMethod]
    public async Task Token_is_refused_once_its_lifetime_has_passed_on_the_clock()
    {
        await using var tenant = await Tenant.StartAsync();
        var token = await tenant.TokenAsync();

        tenant.Time.Advance(TimeSpan.FromSeconds(599));
        using var before = await tenant.GetAsync("api/v2/outbound/campaigns", token);
        tenant.Time.Advance(TimeSpan.FromSeconds(1));
        using var after = await tenant.GetAsync("api/v2/outbound/campaigns", token);

        Assert.AreEqual(HttpStatusCode.OK, before.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [TestMethod]
    public async Task Token_lifetime_can_be_shorter_than_a_refresh_buffer()
    {
        await using var tenant = await Tenant.StartAsync();
        tenant.State.TokenLifetime = TimeSpan.FromSeconds(120);

        using var response = await tenant.RequestTokenAsync();

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.AreEqual(120, body.RootElement.GetProperty("expires_in").GetInt32());
    }

    [TestMethod]
    public async Task Revoked_tokens_are_refused_and_a_new_one_works()
    {
        await using var tenant = await Tenant.StartAsync();
        var revoked = await tenant.TokenAsync();

        tenant.State.RevokeAllTokens();
        using var refused = await tenant.GetAsync("api/v2/outbound/campaigns", revoked);
        using var accepted = await tenant.GetAsync("api/v2/outbound/campaigns", await tenant.TokenAsync());

        Assert.AreEqual(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, accepted.StatusCode);
    }

    [TestMethod]
    public async Task Rotated_secret_replaces_the_old_one()
    {
        await using var tenant = await Tenant.StartAsync();

        Assert.IsTrue(tenant.State.SetClientSecret(SimulatorSeed.LocalClientId, "rotated-secret"));
        using var old = await tenant.RequestTokenAsync();
        using var rotated = await tenant.RequestTokenAsync(secret: "rotated-secret");

        Assert.AreEqual(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, rotated.StatusCode);
    }

    [TestMethod]
    public async Task Tokens_are_revoked_mid_cycle_after_the_configured_number_of_authorized_requests()
    {
        await using var tenant = await Tenant.StartAsync();
        var token = await tenant.TokenAsync();
        tenant.State.Faults.RevokeTokensAfterRequests = 2;

        using var first = await tenant.GetAsync(Tenant.CampaignPath(Tenant.RunningId), token);
        using var second = await tenant.GetAsync(Tenant.CampaignPath(Tenant.RunningId), token);
        using var third = await tenant.GetAsync(Tenant.CampaignPath(Tenant.RunningId), token);
        using var withNewToken = await tenant.GetAsync(Tenant.CampaignPath(Tenant.RunningId), await tenant.TokenAsync());

        Assert.AreEqual(HttpStatusCode.OK, first.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, second.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, third.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, withNewToken.StatusCode);
    }
}
