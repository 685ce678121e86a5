using System.Net;
using System.Net.Http.Headers;

namespace CxoneSimulator.Tests;

[TestClass]
public sealed class FeedTests
{
    private const string Body = """{"alerts":[{"regions":["US-NE"],"severity":"Severe"}]}""";

    [TestMethod]
    public async Task Serves_the_feed_with_its_content_type_and_validators()
    {
        await using var tenant = await StartWithFeedAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "feeds/alerts");
        request.Headers.UserAgent.ParseAdd("WeatherCampaign/1.0 (ops@example.com)");

        using var response = await tenant.Http.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("application/geo+json", response.Content.Headers.ContentType!.MediaType);
        Assert.AreEqual(Body, await response.Content.ReadAsStringAsync());
        Assert.IsNotNull(response.Headers.ETag);
        Assert.AreEqual(tenant.Time.GetUtcNow(), response.Content.Headers.LastModified);
        var statistics = tenant.State.GetFeedStatistics("alerts");
        Assert.AreEqual(1, statistics.Requests);
        Assert.AreEqual("WeatherCampaign/1.0 (ops@example.com)", statistics.LastUserAgent);
    }

    [TestMethod]
    public async Task Matching_if_none_match_is_304_without_a_body()
    {
        await using var tenant = await StartWithFeedAsync();
        using var first = await tenant.Http.GetAsync("feeds/alerts");

        using var request = new HttpRequestMessage(HttpMethod.Get, "feeds/alerts");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await tenant.Http.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.NotModified, second.StatusCode);
        Assert.AreEqual(first.Headers.ETag, second.Headers.ETag);
        Assert.AreEqual(string.Empty, await second.Content.ReadAsStringAsync());
        Assert.AreEqual(1, tenant.State.GetFeedStatistics("alerts").NotModified);
    }

    [TestMethod]
    public async Task If_modified_since_is_304_until_the_feed_changes()
    {
        await using var tenant = await StartWithFeedAsync();
        var since = tenant.Time.GetUtcNow();

        using var unchanged = await SendIfModifiedSinceAsync(tenant, since);
        tenant.Time.Advance(TimeSpan.FromMinutes(5));
        tenant.State.SetFeed("alerts", """{"alerts":[]}""", "application/geo+json");
        using var changed = await SendIfModifiedSinceAsync(tenant, since);

        Assert.AreEqual(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, changed.StatusCode);
        Assert.AreEqual(since + TimeSpan.FromMinutes(5), changed.Content.Headers.LastModified);
    }

    [TestMethod]
    public async Task Setting_a_feed_changes_its_etag_even_with_the_same_body()
    {
        await using var tenant = await StartWithFeedAsync();
        using var first = await tenant.Http.GetAsync("feeds/alerts");

        tenant.State.SetFeed("alerts", Body, "application/geo+json");
        using var request = new HttpRequestMessage(HttpMethod.Get, "feeds/alerts");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await tenant.Http.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.OK, second.StatusCode);
        Assert.AreNotEqual(first.Headers.ETag, second.Headers.ETag);
    }

    [TestMethod]
    public async Task Missing_or_cleared_feed_is_404()
    {
        await using var tenant = await StartWithFeedAsync();

        Assert.IsTrue(tenant.State.ClearFeed("alerts"));
        using var response = await tenant.Http.GetAsync("feeds/alerts");

        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
    }

    [TestMethod]
    [DataRow(FeedFault.ServerError, 500, "text/plain", "Internal Server Error")]
    [DataRow(FeedFault.Html, 200, "text/html", "<!DOCTYPE html>")]
    [DataRow(FeedFault.Truncated, 200, "application/geo+json", """{"alerts":[{"regions":["US""")]
    [DataRow(FeedFault.ErrorDocument, 200, "application/json", """{"error":"quota exceeded"}""")]
    [DataRow(FeedFault.ProblemDocument, 200, "application/problem+json", "\"title\":\"Unexpected Problem\"")]
    public async Task Feed_fault_replaces_the_answer(FeedFault fault, int status, string mediaType, string bodyPart)
    {
        await using var tenant = await StartWithFeedAsync();
        tenant.State.Faults.SetFeedFault("alerts", fault);

        using var response = await tenant.Http.GetAsync("feeds/alerts");

        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(status, (int)response.StatusCode);
        Assert.AreEqual(mediaType, response.Content.Headers.ContentType!.MediaType);
        StringAssert.Contains(body, bodyPart);
        Assert.IsNull(response.Headers.ETag);
        Assert.AreEqual(1, tenant.State.GetFeedStatistics("alerts").Requests);
    }

    [TestMethod]
    public async Task Empty_feed_fault_answers_200_with_no_bytes()
    {
        await using var tenant = await StartWithFeedAsync();
        tenant.State.Faults.SetFeedFault("alerts", FeedFault.Empty);

        using var response = await tenant.Http.GetAsync("feeds/alerts");

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.IsEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [TestMethod]
    public async Task Truncated_feed_is_exactly_the_first_half()
    {
        await using var tenant = await StartWithFeedAsync();
        tenant.State.Faults.SetFeedFault("alerts", FeedFault.Truncated);

        using var response = await tenant.Http.GetAsync("feeds/alerts");

        Assert.AreEqual(Body[..(Body.Length / 2)], await response.Content.ReadAsStringAsync());
    }

    [TestMethod]
    public async Task Feed_can_be_replaced_through_the_control_endpoint()
    {
        await using var tenant = await StartWithFeedAsync();
        using var content = new StringContent("<alert/>");
        content.Headers.ContentType = new MediaTypeHeaderValue("application/cap+xml");

        using var put = await tenant.Http.PutAsync("_sim/feeds/cap", content);
        using var get = await tenant.Http.GetAsync("feeds/cap");

        Assert.AreEqual(HttpStatusCode.NoContent, put.StatusCode);
        Assert.AreEqual("application/cap+xml", get.Content.Headers.ContentType!.MediaType);
        Assert.AreEqual("<alert/>", await get.Content.ReadAsStringAsync());
    }

    private static async Task<Tenant> StartWithFeedAsync()
    {
        var tenant = await Tenant.StartAsync();
        tenant.State.SetFeed("alerts", Body, "application/geo+json");
        return tenant;
    }

    private static Task<HttpResponseMessage> SendIfModifiedSinceAsync(Tenant tenant, DateTimeOffset since)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "feeds/alerts");
        request.Headers.IfModifiedSince = since;
        return tenant.Http.SendAsync(request);
    }
}
