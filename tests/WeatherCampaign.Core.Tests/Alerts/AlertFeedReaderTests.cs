using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using WeatherCampaign.Core.Alerts;

namespace WeatherCampaign.Core.Tests.Alerts;

[TestClass]
public sealed class AlertFeedReaderTests
{
    private const string NwsUrl = "https://api.weather.gov/alerts/active?area=NY";
    private const string SimpleUrl = "https://feeds.example.com/alerts.json";
    private const string OneSimpleAlert = """{"alerts":[{"id":"c-1","regions":["US-NE"],"event":"Blizzard"}]}""";

    private readonly RecordingHttpHandler _handler = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 20, 12, 0, 0, TimeSpan.Zero));

    private AlertFeedReader Reader(Action<WeatherOptions>? configure = null, params FeedOptions[] feeds)
    {
        var options = new WeatherOptions { UserAgent = "(weathercampaign.example, ops@example.com)", Feeds = [.. feeds] };
        configure?.Invoke(options);
        var factory = new Mock<IHttpClientFactory>();
        factory.Setup(f => f.CreateClient(AlertFeedReader.HttpClientName)).Returns(() => new HttpClient(_handler, disposeHandler: false));
        IAlertFormatParser[] parsers = [new NwsGeoJsonAlertParser(), new SimpleJsonAlertParser()];
        return new AlertFeedReader(factory.Object, Options.Create(options), parsers, _time, NullLogger<AlertFeedReader>.Instance,
            new LinkedDocumentReader(factory.Object, Options.Create(options), NullLogger<LinkedDocumentReader>.Instance),
            new OpenFemaFeedReader(factory.Object, Options.Create(options), Options.Create(new OpenFemaOptions()), _time, NullLogger<OpenFemaFeedReader>.Instance));
    }

    private static FeedOptions Feed(string url, FeedFormat format = FeedFormat.Auto, string? name = null) => new() { Url = url, Format = format, Name = name };

    private static string NwsCollection => File.ReadAllText(FixtureFiles.PathOf("Nws/feature-collection.json"));

    [TestMethod]
    public async Task Sends_user_agent_and_geojson_accept_to_the_nws()
    {
        _handler.Respond(HttpStatusCode.OK, NwsCollection, "application/geo+json");
        var reader = Reader(null, Feed(NwsUrl, FeedFormat.Nws));

        await reader.ReadAsync(CancellationToken.None);

        var request = _handler.Requests.Single();
        Assert.AreEqual("(weathercampaign.example, ops@example.com)", string.Join(" ", request.Headers.GetValues("User-Agent")));
        StringAssert.StartsWith(string.Join(",", request.Headers.GetValues("Accept")), "application/geo+json");
    }

    [TestMethod]
    public async Task Nws_feed_alerts_arrive_in_the_snapshot_with_a_successful_outcome()
    {
        _handler.Respond(HttpStatusCode.OK, NwsCollection, "application/geo+json");
        var reader = Reader(null, Feed(NwsUrl, name: "nws"));

        var snapshot = await reader.ReadAsync(CancellationToken.None);

        Assert.HasCount(5, snapshot.Alerts);
        Assert.IsTrue(snapshot.AllFeedsSucceeded);
        Assert.AreEqual(new FeedOutcome("nws", true, 5), snapshot.Feeds.Single());
    }

    [TestMethod]
    public async Task Feed_name_defaults_to_host_and_path()
    {
        _handler.Respond(HttpStatusCode.OK, OneSimpleAlert);
        var reader = Reader(null, Feed(SimpleUrl));

        var snapshot = await reader.ReadAsync(CancellationToken.None);

        Assert.AreEqual("feeds.example.com/alerts.json", snapshot.Feeds.Single().Feed);
        Assert.AreEqual("feeds.example.com/alerts.json", snapshot.Alerts.Single().Feed);
    }

    [TestMethod]
    public async Task Not_modified_reuses_the_last_alerts_of_that_feed()
    {
        _handler
            .Respond(HttpStatusCode.OK, OneSimpleAlert, configure: r =>
            {
                r.Headers.ETag = new EntityTagHeaderValue("\"v1\"");
                r.Content.Headers.LastModified = new DateTimeOffset(2025, 1, 20, 11, 55, 0, TimeSpan.Zero);
            })
            .Respond(HttpStatusCode.NotModified, mediaType: null);
        var reader = Reader(null, Feed(SimpleUrl, name: "customer"));
        await reader.ReadAsync(CancellationToken.None);

        var snapshot = await reader.ReadAsync(CancellationToken.None);

        Assert.AreEqual(new FeedOutcome("customer", true, 1, NotModified: true), snapshot.Feeds.Single());
        Assert.AreEqual("c-1", snapshot.Alerts.Single().Id);
        var conditional = _handler.Requests[1];
        Assert.AreEqual("\"v1\"", string.Join(",", conditional.Headers.GetValues("If-None-Match")));
        Assert.AreEqual(new DateTimeOffset(2025, 1, 20, 11, 55, 0, TimeSpan.Zero), conditional.Headers.IfModifiedSince);
    }

    [TestMethod]
    public async Task First_request_is_not_conditional()
    {
        _handler.Respond(HttpStatusCode.OK, OneSimpleAlert);
        var reader = Reader(null, Feed(SimpleUrl));

        await reader.ReadAsync(CancellationToken.None);

        Assert.IsFalse(_handler.Requests[0].Headers.Contains("If-None-Match"));
        Assert.IsNull(_handler.Requests[0].Headers.IfModifiedSince);
    }

    [TestMethod]
    public async Task Body_announced_larger_than_the_limit_is_refused()
    {
        _handler.Respond(HttpStatusCode.OK, OneSimpleAlert);
        var reader = Reader(o => o.MaxFeedBytes = 20, Feed(SimpleUrl));

        var outcome = (await reader.ReadAsync(CancellationToken.None)).Feeds.Single();

        Assert.IsFalse(outcome.Succeeded);
        StringAssert.Contains(outcome.Error, "MaxFeedBytes");
    }

    [TestMethod]
    public async Task Unannounced_body_larger_than_the_limit_is_refused_not_truncated()
    {
        _handler.Respond((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new UnannouncedLengthContent(FixtureFiles.Utf8(OneSimpleAlert)) }));
        var reader = Reader(o => o.MaxFeedBytes = 40, Feed(SimpleUrl));

        var snapshot = await reader.ReadAsync(CancellationToken.None);

        Assert.IsFalse(snapshot.Feeds.Single().Succeeded);
        StringAssert.Contains(snapshot.Feeds.Single().Error, "refused rather than truncated");
        Assert.IsEmpty(snapshot.Alerts);
    }

    [TestMethod]
    public async Task Html_page_instead_of_data_fails_the_feed()
    {
        _handler.Respond(HttpStatusCode.OK, "<!DOCTYPE html><html><body>Maintenance</body></html>", "text/html");
        var reader = Reader(null, Feed(SimpleUrl, FeedFormat.Simple));

        var outcome = (await reader.ReadAsync(CancellationToken.None)).Feeds.Single();

        Assert.IsFalse(outcome.Succeeded);
        StringAssert.Contains(outcome.Error, "HTML");
    }

    [TestMethod]
    public async Task Empty_body_fails_the_feed()
    {
        _handler.Respond(HttpStatusCode.OK, "");
        var reader = Reader(null, Feed(SimpleUrl));

        var outcome = (await reader.ReadAsync(CancellationToken.None)).Feeds.Single();

        Assert.IsFalse(outcome.Succeeded);
        StringAssert.Contains(outcome.Error, "empty");
    }

    [TestMethod]
    public async Task Json_error_document_with_status_200_fails_the_feed()
    {
        _handler.Respond(HttpStatusCode.OK, """{"title":"Rate limit exceeded","status":429}""");
        var reader = Reader(null, Feed(SimpleUrl));

        var outcome = (await reader.ReadAsync(CancellationToken.None)).Feeds.Single();

        Assert.IsFalse(outcome.Succeeded);
        StringAssert.Contains(outcome.Error, "neither 'alerts' nor 'features'");
        StringAssert.Contains(outcome.Error, "Rate limit exceeded");
    }

    [TestMethod]
    public async Task Truncated_body_fails_the_feed_with_the_parse_position()
    {
        _handler.Respond(HttpStatusCode.OK, NwsCollection[..900], "application/geo+json");
        var reader = Reader(null, Feed(NwsUrl, name: "nws"));

        var outcome = (await reader.ReadAsync(CancellationToken.None)).Feeds.Single();

        Assert.IsFalse(outcome.Succeeded);
        StringAssert.Contains(outcome.Error, "Feed 'nws' at line");
    }

    [TestMethod]
    public async Task Http_error_fails_the_feed()
    {
        _handler.Respond(HttpStatusCode.ServiceUnavailable, "busy");
        var reader = Reader(null, Feed(SimpleUrl));

        var outcome = (await reader.ReadAsync(CancellationToken.None)).Feeds.Single();

        Assert.IsFalse(outcome.Succeeded);
        StringAssert.Contains(outcome.Error, "503");
    }

    [TestMethod]
    public async Task Network_failure_fails_the_feed()
    {
        _handler.Respond((_, _) => throw new HttpRequestException("Connection refused"));
        var reader = Reader(null, Feed(SimpleUrl));

        var outcome = (await reader.ReadAsync(CancellationToken.None)).Feeds.Single();

        Assert.IsFalse(outcome.Succeeded);
        StringAssert.Contains(outcome.Error, "Connection refused");
    }

    [TestMethod]
    public async Task Feed_that_does_not_answer_in_time_fails_the_feed()
    {
        _handler.Hang();
        var reader = Reader(o => o.Timeout = TimeSpan.FromSeconds(30), Feed(SimpleUrl));
        var requestArrived = _handler.RequestReceived.Task;

        var reading = reader.ReadAsync(CancellationToken.None);
        await requestArrived;
        _time.Advance(TimeSpan.FromSeconds(31));
        var outcome = (await reading).Feeds.Single();

        Assert.IsFalse(outcome.Succeeded);
        StringAssert.Contains(outcome.Error, "timed out");
    }

    [TestMethod]
    public async Task Cancellation_by_the_caller_is_not_swallowed()
    {
        _handler.Hang();
        var reader = Reader(null, Feed(SimpleUrl));
        using var cancellation = new CancellationTokenSource();
        var requestArrived = _handler.RequestReceived.Task;

        var reading = reader.ReadAsync(cancellation.Token);
        await requestArrived;
        await cancellation.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => reading);
    }

    [TestMethod]
    public async Task Failed_feed_contributes_no_alerts_while_the_others_still_count()
    {
        _handler
            .Respond((request, _) => Task.FromResult(request.RequestUri!.Host == "api.weather.gov"
                ? new HttpResponseMessage(HttpStatusCode.InternalServerError)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(OneSimpleAlert) }))
            .Respond((request, _) => Task.FromResult(request.RequestUri!.Host == "api.weather.gov"
                ? new HttpResponseMessage(HttpStatusCode.InternalServerError)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(OneSimpleAlert) }));
        var reader = Reader(null, Feed(NwsUrl, name: "nws"), Feed(SimpleUrl, name: "customer"));

        var snapshot = await reader.ReadAsync(CancellationToken.None);

        Assert.IsFalse(snapshot.AllFeedsSucceeded);
        Assert.AreEqual("nws", snapshot.FailedFeeds.Single().Feed);
        Assert.AreEqual("customer", snapshot.Alerts.Single().Feed);
    }

    [TestMethod]
    public async Task Auto_format_follows_the_content_type()
    {
        _handler.Respond(HttpStatusCode.OK, File.ReadAllText(FixtureFiles.PathOf("Nws/single-feature.json")), "application/geo+json");
        var reader = Reader(null, Feed(SimpleUrl));

        var snapshot = await reader.ReadAsync(CancellationToken.None);

        Assert.AreEqual("urn:oid:2.49.0.1.840.0.5555eeee.005.1", snapshot.Alerts.Single().Id);
    }

    [TestMethod]
    public async Task Auto_format_sniffs_untyped_content()
    {
        _handler.Respond(HttpStatusCode.OK, NwsCollection, mediaType: null);
        var reader = Reader(null, Feed(NwsUrl));

        var snapshot = await reader.ReadAsync(CancellationToken.None);

        Assert.HasCount(5, snapshot.Alerts);
    }

    [TestMethod]
    public async Task File_uri_feed_is_read_for_replay()
    {
        var uri = new Uri(FixtureFiles.PathOf("Simple/alerts.json")).AbsoluteUri;
        var reader = Reader(null, Feed(uri));

        var snapshot = await reader.ReadAsync(CancellationToken.None);

        Assert.AreEqual(new FeedOutcome("alerts.json", true, 3), snapshot.Feeds.Single());
        Assert.IsEmpty(_handler.Requests);
    }

    [TestMethod]
    public async Task Plain_path_feed_is_read_for_replay()
    {
        var reader = Reader(null, Feed(FixtureFiles.PathOf("Nws/feature-collection.json"), FeedFormat.Nws, "recorded"));

        var snapshot = await reader.ReadAsync(CancellationToken.None);

        Assert.AreEqual(new FeedOutcome("recorded", true, 5), snapshot.Feeds.Single());
    }

    [TestMethod]
    public async Task Missing_file_fails_the_feed()
    {
        var reader = Reader(null, Feed("file:///nonexistent/recorded.json"));

        var outcome = (await reader.ReadAsync(CancellationToken.None)).Feeds.Single();

        Assert.IsFalse(outcome.Succeeded);
        StringAssert.Contains(outcome.Error, "does not exist");
    }

    [TestMethod]
    public async Task File_larger_than_the_limit_is_refused()
    {
        var reader = Reader(o => o.MaxFeedBytes = 100, Feed(FixtureFiles.PathOf("Nws/feature-collection.json")));

        var outcome = (await reader.ReadAsync(CancellationToken.None)).Feeds.Single();

        Assert.IsFalse(outcome.Succeeded);
        StringAssert.Contains(outcome.Error, "MaxFeedBytes");
    }
}
