using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using WeatherCampaign.Core.Alerts;

namespace WeatherCampaign.Core.Tests.Alerts;

/// <summary>Auto-detection across all four formats, through the reader as it is registered.</summary>
[TestClass]
public sealed class FeedFormatDetectionTests
{
    private readonly RecordingHttpHandler _handler = new();

    private AlertFeedReader Reader(string url)
    {
        var factory = new Mock<IHttpClientFactory>();
        factory.Setup(f => f.CreateClient(AlertFeedReader.HttpClientName)).Returns(() => new HttpClient(_handler, disposeHandler: false));
        IAlertFormatParser[] parsers = [new NwsGeoJsonAlertParser(), new SimpleJsonAlertParser(), new CapXmlAlertParser(), new AtomCapAlertParser()];
        var options = new WeatherOptions { Feeds = [new FeedOptions { Url = url, Name = "feed" }] };
        return new AlertFeedReader(factory.Object, Options.Create(options), parsers, TimeProvider.System, NullLogger<AlertFeedReader>.Instance,
            new LinkedDocumentReader(factory.Object, Options.Create(options), NullLogger<LinkedDocumentReader>.Instance),
            new OpenFemaFeedReader(factory.Object, Options.Create(options), Options.Create(new OpenFemaOptions()), TimeProvider.System, NullLogger<OpenFemaFeedReader>.Instance));
    }

    private async Task<AlertSnapshot> Serve(string fixture, string? mediaType)
    {
        _handler.Respond(HttpStatusCode.OK, File.ReadAllText(FixtureFiles.PathOf(fixture)), mediaType);
        return await Reader("https://feeds.example.com/any").ReadAsync(CancellationToken.None);
    }

    [TestMethod]
    [DataRow("Nws/feature-collection.json", "application/geo+json", 5)]
    [DataRow("Nws/feature-collection.json", "application/json", 5)]
    [DataRow("Nws/single-feature.json", null, 1)]
    [DataRow("Simple/alerts.json", "application/json", 3)]
    [DataRow("Simple/alerts.json", "text/plain", 3)]
    [DataRow("Cap/eccc-bilingual-update.xml", "application/cap+xml", 1)]
    [DataRow("Cap/nws-cap11-prefixed.xml", "application/xml", 1)]
    [DataRow("Cap/eccc-bilingual-update.xml", null, 1)]
    [DataRow("Atom/nws-legacy.xml", "application/atom+xml", 2)]
    [DataRow("Atom/meteoalarm.xml", "text/xml", 2)]
    [DataRow("Atom/meteoalarm.xml", "application/octet-stream", 2)]
    public async Task Auto_format_reads_every_known_format(string fixture, string? mediaType, int alertCount)
    {
        var snapshot = await Serve(fixture, mediaType);

        Assert.IsTrue(snapshot.AllFeedsSucceeded, snapshot.Feeds.Single().Error);
        Assert.HasCount(alertCount, snapshot.Alerts);
    }

    [TestMethod]
    [DataRow("Cap/eccc-bilingual-update.xml", 1)]
    [DataRow("Atom/meteoalarm.xml", 2)]
    [DataRow("Nws/feature-collection.json", 5)]
    public async Task Auto_format_reads_replayed_files(string fixture, int alertCount)
    {
        var snapshot = await Reader(new Uri(FixtureFiles.PathOf(fixture)).AbsoluteUri).ReadAsync(CancellationToken.None);

        Assert.IsTrue(snapshot.AllFeedsSucceeded, snapshot.Feeds.Single().Error);
        Assert.HasCount(alertCount, snapshot.Alerts);
    }

    [TestMethod]
    public async Task Unknown_xml_fails_the_feed()
    {
        _handler.Respond(HttpStatusCode.OK, "<rss version=\"2.0\"><channel/></rss>", "application/rss+xml");

        var outcome = (await Reader("https://feeds.example.com/rss").ReadAsync(CancellationToken.None)).Feeds.Single();

        Assert.IsFalse(outcome.Succeeded);
        StringAssert.Contains(outcome.Error, "not a feed format this service reads");
    }

    [TestMethod]
    public async Task Cap_with_a_dtd_fails_the_feed_naming_the_dtd()
    {
        _handler.Respond(HttpStatusCode.OK, "<?xml version=\"1.0\"?><!DOCTYPE alert [<!ENTITY x SYSTEM \"http://attacker.invalid/\">]><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>&x;</identifier></alert>", "application/xml");

        var outcome = (await Reader("https://feeds.example.com/cap").ReadAsync(CancellationToken.None)).Feeds.Single();

        Assert.IsFalse(outcome.Succeeded);
        StringAssert.Contains(outcome.Error, "DTD");
        Assert.HasCount(1, _handler.Requests, "nothing external was fetched");
    }
}
