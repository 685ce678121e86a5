using System.Net;

namespace CxoneSimulator.Tests;

[TestClass]
public sealed class RateLimitTests
{
    [TestMethod]
    public async Task Over_the_limit_answers_429_with_retry_after_seconds_until_the_bucket_refills()
    {
        await using var tenant = await Tenant.StartAsync();
        var token = await tenant.TokenAsync();
        tenant.State.Faults.RequestsPerSecond = 2;

        using var first = await tenant.GetAsync(Tenant.CampaignPath(Tenant.RunningId), token);
        using var second = await tenant.GetAsync(Tenant.CampaignPath(Tenant.RunningId), token);
        using var limited = await tenant.GetAsync(Tenant.CampaignPath(Tenant.RunningId), token);
        tenant.Time.Advance(TimeSpan.FromSeconds(1));
        using var refilled = await tenant.GetAsync(Tenant.CampaignPath(Tenant.RunningId), token);

        Assert.AreEqual(HttpStatusCode.OK, first.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, second.StatusCode);
        Assert.AreEqual(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.AreEqual(TimeSpan.FromSeconds(1), limited.Headers.RetryAfter!.Delta);
        Assert.AreEqual(HttpStatusCode.OK, refilled.StatusCode);
        Assert.AreEqual(1, tenant.State.TooManyRequestsCount);
    }

    [TestMethod]
    public async Task Retry_after_can_be_an_http_date_on_the_simulator_clock()
    {
        await using var tenant = await Tenant.StartAsync();
        var token = await tenant.TokenAsync();
        tenant.State.Faults.RequestsPerSecond = 0.5;
        tenant.State.Faults.Burst = 1;
        tenant.State.Faults.RetryAfterMode = RetryAfterMode.HttpDate;

        using var allowed = await tenant.GetAsync(Tenant.CampaignPath(Tenant.RunningId), token);
        using var limited = await tenant.GetAsync(Tenant.CampaignPath(Tenant.RunningId), token);

        Assert.AreEqual(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.AreEqual(tenant.Time.GetUtcNow() + TimeSpan.FromSeconds(2), limited.Headers.RetryAfter!.Date);
    }

    [TestMethod]
    public async Task Retry_after_can_be_left_out()
    {
        await using var tenant = await Tenant.StartAsync();
        var token = await tenant.TokenAsync();
        tenant.State.Faults.RequestsPerSecond = 1;
        tenant.State.Faults.RetryAfterMode = RetryAfterMode.None;

        using var allowed = await tenant.GetAsync(Tenant.CampaignPath(Tenant.RunningId), token);
        using var limited = await tenant.GetAsync(Tenant.CampaignPath(Tenant.RunningId), token);

        Assert.AreEqual(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.IsNull(limited.Headers.RetryAfter);
    }

    [TestMethod]
    public async Task The_token_endpoint_shares_the_tenant_bucket()
    {
        await using var tenant = await Tenant.StartAsync();
        tenant.State.Faults.RequestsPerSecond = 1;

        using var first = await tenant.RequestTokenAsync();
        using var second = await tenant.RequestTokenAsync();

        Assert.AreEqual(HttpStatusCode.OK, first.StatusCode);
        Assert.AreEqual(HttpStatusCode.TooManyRequests, second.StatusCode);
    }

    [TestMethod]
    public async Task Concurrent_requests_get_exactly_the_burst()
    {
        await using var tenant = await Tenant.StartAsync();
        var token = await tenant.TokenAsync();
        tenant.State.Faults.RequestsPerSecond = 10;

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => tenant.GetAsync(Tenant.CampaignPath(Tenant.RunningId), token)));

        Assert.AreEqual(10, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.AreEqual(30, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.AreEqual(30, tenant.State.TooManyRequestsCount);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [TestMethod]
    public async Task Control_and_feed_requests_are_not_limited()
    {
        await using var tenant = await Tenant.StartAsync();
        tenant.State.SetFeed("alerts", """{"alerts":[]}""", "application/json");
        tenant.State.Faults.RequestsPerSecond = 1;
        tenant.State.Faults.Burst = 1;

        using var token = await tenant.RequestTokenAsync();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var stats = await tenant.Http.GetAsync("_sim/stats");
            using var feed = await tenant.Http.GetAsync("feeds/alerts");
            answers.Add(stats.StatusCode);
            answers.Add(feed.StatusCode);
        }

        Assert.AreEqual(HttpStatusCode.OK, token.StatusCode);
        Assert.IsTrue(answers.All(status => status == HttpStatusCode.OK));
        Assert.AreEqual(0, tenant.State.TooManyRequestsCount);
    }
}
