using System.Net;
using Moq;
using WeatherCampaign.Core.Campaigns;

namespace WeatherCampaign.Core.Tests.Campaigns;

[TestClass]
public sealed class CxoneTokenProviderTests
{
    [TestMethod]
    public async Task Reuses_the_token_until_300_seconds_before_it_expires()
    {
        await using var api = CampaignApi.Start();

        var first = await api.Tokens.GetTokenAsync(CancellationToken.None);
        api.Clock.Advance(TimeSpan.FromSeconds(3600 - 300) - TimeSpan.FromMilliseconds(1));
        var beforeBuffer = await api.Tokens.GetTokenAsync(CancellationToken.None);

        Assert.AreEqual("token-1", first);
        Assert.AreEqual("token-1", beforeBuffer);
        Assert.HasCount(1, api.Tenant.TokenRequests);
    }

    [TestMethod]
    public async Task Refreshes_the_token_once_the_300_second_buffer_begins()
    {
        await using var api = CampaignApi.Start();
        await api.Tokens.GetTokenAsync(CancellationToken.None);

        api.Clock.Advance(TimeSpan.FromSeconds(3600 - 300));
        var refreshed = await api.Tokens.GetTokenAsync(CancellationToken.None);

        Assert.AreEqual("token-2", refreshed);
        Assert.HasCount(2, api.Tenant.TokenRequests);
    }

    [TestMethod]
    public async Task Token_shorter_lived_than_the_buffer_is_used_until_half_its_life_not_refreshed_on_every_call()
    {
        await using var api = CampaignApi.Start();
        api.Tenant.ExpiresIn = 120;

        var tokens = new List<string> { await api.Tokens.GetTokenAsync(CancellationToken.None) };
        foreach (var step in new[] { 1, 29, 29 }) // t = 1 s, 30 s, 59 s
        {
            api.Clock.Advance(TimeSpan.FromSeconds(step));
            tokens.Add(await api.Tokens.GetTokenAsync(CancellationToken.None));
        }
        api.Clock.Advance(TimeSpan.FromSeconds(1)); // t = 60 s: half of 120
        tokens.Add(await api.Tokens.GetTokenAsync(CancellationToken.None));

        CollectionAssert.AreEqual(new[] { "token-1", "token-1", "token-1", "token-1", "token-2" }, tokens);
        Assert.HasCount(2, api.Tenant.TokenRequests);
    }

    [TestMethod]
    public async Task Prepare_fetches_the_token_the_first_request_then_carries()
    {
        await using var api = CampaignApi.Start();

        await api.Tokens.PrepareAsync(CancellationToken.None);
        Assert.HasCount(1, api.Tenant.TokenRequests);
        Assert.IsEmpty(api.Tenant.ApiRequests, "preparing asks for nothing but the token");

        api.Tenant.Then(HttpStatusCode.OK, ScriptedTenant.Page(1, 50, 0, []));
        await api.Platform.ListCampaignsAsync();

        Assert.HasCount(1, api.Tenant.TokenRequests, "the listing used the prepared token");
        Assert.AreEqual("Bearer token-1", api.Tenant.ApiRequests.Single().Authorization);
    }

    [TestMethod]
    public async Task A_refused_client_at_start_up_is_one_log_line_and_the_first_request_tries_again()
    {
        await using var api = CampaignApi.Start();
        api.Tenant.TokenAnswers.Enqueue(HttpStatusCode.Unauthorized);
        api.Tenant.TokenAnswers.Enqueue(HttpStatusCode.Unauthorized); // the retry with the secret read again
        var lines = new List<string>();

        await api.Tokens.TryPrepareAsync(new ListLogger<CxoneTokenProvider>(lines), CancellationToken.None);

        Assert.HasCount(1, lines);
        Assert.Contains("refused client 'client-1' (401)", lines[0]);
        Assert.DoesNotContain(CampaignApi.ClientSecret, lines[0]);
        Assert.AreEqual("token-1", await api.Tokens.GetTokenAsync(CancellationToken.None), "nothing failed is cached");
        Assert.HasCount(3, api.Tenant.TokenRequests);
    }

    [TestMethod]
    public async Task Asks_for_the_token_with_a_form_body_not_json()
    {
        await using var api = CampaignApi.Start();

        await api.Tokens.GetTokenAsync(CancellationToken.None);

        var request = api.Tenant.TokenRequests.Single();
        Assert.AreEqual(HttpMethod.Post, request.Method);
        Assert.AreEqual("application/x-www-form-urlencoded", request.ContentType);
        Assert.AreEqual($"grant_type=client_credentials&client_id={CampaignApi.ClientId}&client_secret={CampaignApi.ClientSecret}", request.Body);
        Assert.IsNull(request.Authorization, "the token request carries no bearer token");
    }

    [TestMethod]
    public async Task Callers_arriving_while_a_token_is_requested_share_that_one_request()
    {
        await using var api = CampaignApi.Start();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        api.Tenant.BeforeAnswer = (_, ct) => release.Task.WaitAsync(ct);

        var callers = Enumerable.Range(0, 50).Select(_ => api.Tokens.GetTokenAsync(CancellationToken.None).AsTask()).ToList();
        await api.Tenant.NextRequestAsync();
        release.SetResult();
        var tokens = await Task.WhenAll(callers);

        Assert.IsTrue(tokens.All(t => t == "token-1"));
        Assert.HasCount(1, api.Tenant.TokenRequests);
    }

    [TestMethod]
    public async Task A_401_from_the_token_endpoint_rereads_the_credentials_once_then_succeeds()
    {
        var credentials = new Mock<ICxoneCredentialSource>();
        credentials.Setup(c => c.GetAsync(false, It.IsAny<CancellationToken>())).ReturnsAsync(new CxoneCredentials("client-1", "old-secret"));
        credentials.Setup(c => c.GetAsync(true, It.IsAny<CancellationToken>())).ReturnsAsync(new CxoneCredentials("client-1", "rotated-secret"));
        await using var api = CampaignApi.Start(credentials: credentials.Object);
        api.Tenant.TokenAnswers.Enqueue(HttpStatusCode.Unauthorized);

        var token = await api.Tokens.GetTokenAsync(CancellationToken.None);

        Assert.AreEqual("token-1", token);
        credentials.Verify(c => c.GetAsync(true, It.IsAny<CancellationToken>()), Times.Once);
        var requests = api.Tenant.TokenRequests;
        Assert.HasCount(2, requests);
        StringAssert.Contains(requests[0].Body, "client_secret=old-secret");
        StringAssert.Contains(requests[1].Body, "client_secret=rotated-secret");
    }

    [TestMethod]
    public async Task Credentials_refused_after_the_reread_fail_without_looping_and_without_the_secret()
    {
        var credentials = new Mock<ICxoneCredentialSource>();
        credentials.Setup(c => c.GetAsync(It.IsAny<bool>(), It.IsAny<CancellationToken>())).ReturnsAsync(new CxoneCredentials("client-1", "wrong-secret"));
        await using var api = CampaignApi.Start(credentials: credentials.Object);
        api.Tenant.TokenAnswers.Enqueue(HttpStatusCode.Unauthorized);
        api.Tenant.TokenAnswers.Enqueue(HttpStatusCode.Unauthorized);

        var error = await Assert.ThrowsExactlyAsync<CampaignAuthenticationException>(() => api.Tokens.GetTokenAsync(CancellationToken.None).AsTask());

        Assert.AreEqual(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.IsFalse(error.IsTransient);
        Assert.DoesNotContain("wrong-secret", error.ToString());
        Assert.HasCount(2, api.Tenant.TokenRequests);
        credentials.Verify(c => c.GetAsync(true, It.IsAny<CancellationToken>()), Times.Once);
    }

    [TestMethod]
    public async Task A_403_from_the_token_endpoint_names_the_missing_scopes()
    {
        await using var api = CampaignApi.Start();
        api.Tenant.TokenAnswers.Enqueue(HttpStatusCode.Forbidden);

        var error = await Assert.ThrowsExactlyAsync<CampaignAuthenticationException>(() => api.Tokens.GetTokenAsync(CancellationToken.None).AsTask());

        StringAssert.Contains(error.Message, "outbound:campaign:write");
        Assert.HasCount(1, api.Tenant.TokenRequests);
    }
}
