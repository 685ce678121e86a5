using System.Globalization;
using System.Net;
using Polly.CircuitBreaker;
using WeatherCampaign.Core.Campaigns;
using static WeatherCampaign.Core.Tests.Campaigns.ScriptedTenant;

namespace WeatherCampaign.Core.Tests.Campaigns;

/// <summary>
/// The pipeline every campaign API call goes through, driven by a fake clock: a retry's wait is a timer on the clock,
/// so "not before" is proved by advancing the clock to just short of the wait and seeing no second request.
/// </summary>
[TestClass]
public sealed class CampaignResilienceTests
{
    /// <summary>A call waiting on the fake clock for a wait it should not have would otherwise hang the run.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    private static HttpResponseMessage TooManyRequests(Action<HttpResponseMessage> retryAfter)
    {
        var response = Json(HttpStatusCode.TooManyRequests, """{"error":"too_many_requests"}""");
        retryAfter(response);
        return response;
    }

    [TestMethod]
    public async Task Honours_retry_after_given_as_delta_seconds()
    {
        await using var api = CampaignApi.Start();
        api.Tenant
            .Then(_ => TooManyRequests(r => r.Headers.Add("Retry-After", "30")))
            .Then(HttpStatusCode.OK, Entity("camp-1", "running"));
        var wait = api.Clock.NextRetryWaitAsync();

        var read = api.Platform.GetCampaignAsync("camp-1");
        Assert.AreEqual(TimeSpan.FromSeconds(30), await wait);
        api.Clock.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromMilliseconds(1));
        Assert.HasCount(1, api.Tenant.ApiRequests, "no retry before the header's time");
        api.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var campaign = await read.WaitAsync(Limit);

        Assert.AreEqual("camp-1", campaign!.Id);
        var calls = api.Tenant.ApiRequests;
        Assert.HasCount(2, calls);
        Assert.AreEqual(TimeSpan.FromSeconds(30), calls[1].At - calls[0].At);
    }

    [TestMethod]
    public async Task Honours_retry_after_given_as_an_http_date()
    {
        await using var api = CampaignApi.Start();
        var retryAt = api.Clock.GetUtcNow().AddSeconds(45);
        api.Tenant
            .Then(_ => TooManyRequests(r => r.Headers.Add("Retry-After", retryAt.ToString("R", CultureInfo.InvariantCulture))))
            .Then(HttpStatusCode.OK, Entity("camp-1", "running"));
        var wait = api.Clock.NextRetryWaitAsync();

        var read = api.Platform.GetCampaignAsync("camp-1");
        Assert.AreEqual(TimeSpan.FromSeconds(45), await wait);
        api.Clock.Advance(TimeSpan.FromSeconds(45) - TimeSpan.FromMilliseconds(1));
        Assert.HasCount(1, api.Tenant.ApiRequests, "no retry before the header's date");
        api.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await read.WaitAsync(Limit);

        Assert.AreEqual(retryAt, api.Tenant.ApiRequests[1].At);
    }

    [TestMethod]
    public async Task Retry_after_date_in_the_past_retries_at_once()
    {
        await using var api = CampaignApi.Start();
        var past = api.Clock.GetUtcNow().AddSeconds(-5);
        api.Tenant
            .Then(_ => TooManyRequests(r => r.Headers.Add("Retry-After", past.ToString("R", CultureInfo.InvariantCulture))))
            .Then(HttpStatusCode.OK, Entity("camp-1", "running"));

        await api.Platform.GetCampaignAsync("camp-1").WaitAsync(Limit);

        Assert.HasCount(2, api.Tenant.ApiRequests);
    }

    [TestMethod]
    public async Task Server_errors_are_retried_with_growing_backoff_then_succeed()
    {
        await using var api = CampaignApi.Start(s => s["MaxRetries"] = "3");
        api.Tenant
            .Then(HttpStatusCode.ServiceUnavailable, "{}")
            .Then(HttpStatusCode.InternalServerError, "{}")
            .Then(HttpStatusCode.BadGateway, "{}")
            .Then(HttpStatusCode.OK, Entity("camp-1", "running"));

        var waits = new List<TimeSpan>();
        var wait = api.Clock.NextRetryWaitAsync();
        var read = api.Platform.GetCampaignAsync("camp-1");
        for (var retry = 1; retry <= 3; retry++)
        {
            var due = await wait;
            waits.Add(due);
            wait = api.Clock.NextRetryWaitAsync();
            api.Clock.Advance(due - TimeSpan.FromMilliseconds(1));
            Assert.HasCount(retry, api.Tenant.ApiRequests, "not before the backoff");
            api.Clock.Advance(TimeSpan.FromMilliseconds(1));
        }
        var campaign = await read.WaitAsync(Limit);

        Assert.AreEqual("camp-1", campaign!.Id);
        Assert.HasCount(4, api.Tenant.ApiRequests);
        Assert.IsTrue(waits.All(w => w > TimeSpan.Zero), string.Join(", ", waits));
        Assert.IsTrue(waits.Sum(w => w.TotalMilliseconds) >= 500, "exponential from 500 ms: " + string.Join(", ", waits));
    }

    [TestMethod]
    public async Task Server_errors_past_the_retries_become_a_transient_failure()
    {
        await using var api = CampaignApi.Start(s => s["MaxRetries"] = "0");
        api.Tenant.Then(HttpStatusCode.ServiceUnavailable, "{}");

        var error = await Assert.ThrowsExactlyAsync<CampaignApiException>(() => api.Platform.SetStatusAsync("camp-1", CampaignStatus.Paused));

        Assert.IsTrue(error.IsTransient);
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, error.StatusCode);
    }

    [TestMethod]
    public async Task Opens_the_circuit_when_the_tenant_keeps_failing()
    {
        await using var api = CampaignApi.Start(s => s["MaxRetries"] = "0");
        api.Tenant.Otherwise = _ => Json(HttpStatusCode.ServiceUnavailable, "{}");
        // Ten requests sampled (the token request among them), at least half failed: the circuit opens.
        for (var i = 0; i < 9; i++)
        {
            await Assert.ThrowsExactlyAsync<CampaignApiException>(() => api.Platform.GetCampaignAsync("camp-1"));
        }

        var sent = api.Tenant.Requests.Count;

        var error = await Assert.ThrowsExactlyAsync<CampaignApiException>(() => api.Platform.GetCampaignAsync("camp-1"));

        Assert.IsTrue(error.IsTransient);
        Assert.IsInstanceOfType<BrokenCircuitException>(error.InnerException);
        StringAssert.Contains(error.Message, "circuit is open");
        Assert.AreEqual(10, sent);
        Assert.HasCount(sent, api.Tenant.Requests, "the open circuit sends nothing");
    }

    [TestMethod]
    public async Task Too_many_requests_do_not_open_the_circuit()
    {
        await using var api = CampaignApi.Start(s => s["MaxRetries"] = "0");
        api.Tenant.Otherwise = _ => TooManyRequests(_ => { });
        for (var i = 0; i < 12; i++)
        {
            await Assert.ThrowsExactlyAsync<CampaignApiException>(() => api.Platform.GetCampaignAsync("camp-1"));
        }

        api.Tenant.Otherwise = _ => Json(HttpStatusCode.OK, Entity("camp-1", "running"));

        Assert.IsNotNull(await api.Platform.GetCampaignAsync("camp-1"));
    }

    [TestMethod]
    public async Task A_401_on_an_api_call_gets_one_new_token_and_sends_again()
    {
        await using var api = CampaignApi.Start();
        api.Tenant
            .Then(HttpStatusCode.Unauthorized, """{"error":"invalid_token"}""")
            .Then(HttpStatusCode.OK, Entity("camp-1", "running"));

        var campaign = await api.Platform.GetCampaignAsync("camp-1");

        Assert.IsNotNull(campaign);
        Assert.HasCount(2, api.Tenant.TokenRequests);
        CollectionAssert.AreEqual(new[] { "Bearer token-1", "Bearer token-2" }, api.Tenant.ApiRequests.Select(r => r.Authorization).ToArray());
    }

    [TestMethod]
    public async Task A_second_401_after_the_new_token_is_not_retried_again()
    {
        await using var api = CampaignApi.Start();
        api.Tenant.Otherwise = _ => Json(HttpStatusCode.Unauthorized, """{"error":"invalid_token"}""");

        var error = await Assert.ThrowsExactlyAsync<CampaignApiException>(() => api.Platform.GetCampaignAsync("camp-1"));

        Assert.AreEqual(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.HasCount(2, api.Tenant.TokenRequests);
        Assert.HasCount(2, api.Tenant.ApiRequests);
    }

    [TestMethod]
    public async Task Conflict_after_a_retried_server_error_says_the_earlier_attempt_may_have_applied()
    {
        await using var api = CampaignApi.Start();
        api.Tenant
            .Then(HttpStatusCode.BadGateway, "{}")
            .Then(HttpStatusCode.Conflict, "{}")
            .Then(HttpStatusCode.OK, Entity("camp-1", "paused"));
        var wait = api.Clock.NextRetryWaitAsync();

        var change = api.Platform.SetStatusAsync("camp-1", CampaignStatus.Paused);
        api.Clock.Advance(await wait);

        Assert.AreEqual(StatusChangeOutcome.AlreadyInStatus, (await change.WaitAsync(Limit)).Outcome);
        Assert.IsTrue((await change.WaitAsync(Limit)).EarlierAttemptUnanswered);
    }

    [TestMethod]
    public async Task Conflict_after_a_retried_429_is_not_taken_for_our_own_change()
    {
        await using var api = CampaignApi.Start();
        api.Tenant
            .Then(_ => TooManyRequests(r => r.Headers.Add("Retry-After", "1")))
            .Then(HttpStatusCode.Conflict, "{}")
            .Then(HttpStatusCode.OK, Entity("camp-1", "paused"));
        var wait = api.Clock.NextRetryWaitAsync();

        var change = api.Platform.SetStatusAsync("camp-1", CampaignStatus.Paused);
        api.Clock.Advance(await wait);

        Assert.AreEqual(StatusChangeOutcome.AlreadyInStatus, (await change.WaitAsync(Limit)).Outcome);
        Assert.IsFalse((await change.WaitAsync(Limit)).EarlierAttemptUnanswered, "a 429 was refused, not applied");
    }

    [TestMethod]
    public async Task Conflict_on_the_first_attempt_is_not_taken_for_our_own_change()
    {
        await using var api = CampaignApi.Start();
        api.Tenant.Then(HttpStatusCode.Conflict, "{}").Then(HttpStatusCode.OK, Entity("camp-1", "paused"));

        var change = await api.Platform.SetStatusAsync("camp-1", CampaignStatus.Paused);

        Assert.IsFalse(change.EarlierAttemptUnanswered);
    }
}
