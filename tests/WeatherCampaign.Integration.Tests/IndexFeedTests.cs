using CxoneSimulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WeatherCampaign.Core.Alerts;

namespace WeatherCampaign.Integration.Tests;

/// <summary>
/// Index feeds (ATOM and RSS lists of links to CAP documents) read through the reader as it is registered, against the
/// simulator on loopback: each linked document fetched once, conditionally, cached across cycles; a document that cannot be
/// read fails its feed by name; links to other hosts only where FollowLinksTo allows.
/// </summary>
[TestClass]
public sealed class IndexFeedTests
{
    private static readonly DateTimeOffset Sent = DateTimeOffset.UtcNow.AddMinutes(-30);

    private static string Tornado(string id, string zone, string severity = "Extreme") =>
        CapDocument.Alert(id, "Tornado Warning", severity, "UGC", zone, Sent, TimeSpan.FromHours(3));

    /// <summary>The reader wired as the service wires it, kept across cycles (its document cache lives in the singleton).</summary>
    private sealed class Reader(SimulatorServer simulator, ServiceProvider services) : IAsyncDisposable
    {
        public SimulatorState State => simulator.State;

        public string BaseAddress => simulator.BaseAddress;

        public async Task<(FeedOutcome Outcome, IReadOnlyList<WeatherAlert> Alerts)> CycleAsync()
        {
            var snapshot = await services.GetRequiredService<IAlertSource>().ReadAsync(CancellationToken.None);
            return (snapshot.Feeds.Single(), snapshot.Alerts);
        }

        public async ValueTask DisposeAsync()
        {
            await services.DisposeAsync();
            await simulator.DisposeAsync();
        }
    }

    private static async Task<Reader> StartAsync(string format = "atom-index", Action<Dictionary<string, string?>>? settings = null)
    {
        var simulator = await SimulatorServer.StartAsync(SimulatorSeed.Default);
        var values = new Dictionary<string, string?>
        {
            ["Weather:Feeds:0:Url"] = simulator.BaseAddress + "/feeds/index",
            ["Weather:Feeds:0:Format"] = format,
            ["Weather:Feeds:0:Name"] = "index",
            ["Weather:UserAgent"] = "(WeatherCampaign tests, ops@example.com)",
        };
        settings?.Invoke(values);
        var services = new ServiceCollection().AddLogging()
            .AddAlertFeeds(new ConfigurationBuilder().AddInMemoryCollection(values).Build()).BuildServiceProvider();
        return new Reader(simulator, services);
    }

    private static readonly string[] ThreeDocuments = ["index", "cap-1", "cap-2", "cap-3"];

    /// <summary>Three tornado warnings; two entries (one per language, as NAAD does) link the first.</summary>
    private static void PublishThree(SimulatorState state, IndexFeedKind kind = IndexFeedKind.Atom)
    {
        state.SetFeed("cap-1", Tornado("cap-1", "FLZ172"), CapDocument.ContentType);
        state.SetFeed("cap-2", Tornado("cap-2", "FLZ173"), CapDocument.ContentType);
        state.SetFeed("cap-3", Tornado("cap-3", "FLZ174"), CapDocument.ContentType);
        state.SetIndexFeed("index", kind,
            [new("entry-1-en", "cap-1"), new("entry-1-fr", "cap-1"), new("entry-2", "cap-2"), new("entry-3", "cap-3")]);
    }

    [TestMethod]
    [DataRow("atom-index", IndexFeedKind.Atom)]
    [DataRow("rss-index", IndexFeedKind.Rss)]
    [DataRow("auto", IndexFeedKind.Atom)]
    [DataRow("auto", IndexFeedKind.Rss)]
    public async Task Cold_cycle_reads_the_index_and_each_linked_document_once(string format, IndexFeedKind kind)
    {
        await using var reader = await StartAsync(format);
        PublishThree(reader.State, kind);

        var (outcome, alerts) = await reader.CycleAsync();

        Assert.IsTrue(outcome.Succeeded, outcome.Error);
        Assert.AreEqual("cap-1,cap-2,cap-3", string.Join(",", alerts.Select(a => a.Id).Order(StringComparer.Ordinal)));
        Assert.AreEqual("UGC:FLZ172", string.Join(",", alerts.Single(a => a.Id == "cap-1").Geocodes.Select(g => $"{g.Name}:{g.Value}")));
        Assert.AreEqual(1, reader.State.GetFeedStatistics("cap-1").Requests, "two entries link it; it is fetched once");
        var total = reader.State.GetFeedStatistics(ThreeDocuments);
        Assert.AreEqual(4, total.Requests);
        Assert.AreEqual(0, total.NotModified);
    }

    [TestMethod]
    public async Task Warm_cycle_costs_one_304_for_the_index_and_one_for_each_document()
    {
        await using var reader = await StartAsync();
        PublishThree(reader.State);
        await reader.CycleAsync();
        reader.State.ResetCounters();

        var (outcome, alerts) = await reader.CycleAsync();

        Assert.IsTrue(outcome.Succeeded, outcome.Error);
        Assert.IsTrue(outcome.NotModified);
        Assert.HasCount(3, alerts);
        var total = reader.State.GetFeedStatistics(ThreeDocuments);
        Assert.AreEqual(4, total.Requests);
        Assert.AreEqual(4, total.NotModified, "the index and its three documents, all unchanged");
    }

    [TestMethod]
    public async Task Changed_document_is_read_again_while_the_index_is_unchanged()
    {
        await using var reader = await StartAsync();
        PublishThree(reader.State);
        await reader.CycleAsync();
        reader.State.ResetCounters();

        reader.State.SetFeed("cap-2", Tornado("cap-2", "FLZ173", severity: "Minor"), CapDocument.ContentType);
        var (outcome, alerts) = await reader.CycleAsync();

        Assert.IsTrue(outcome.Succeeded, outcome.Error);
        Assert.IsFalse(outcome.NotModified);
        Assert.AreEqual(AlertSeverity.Minor, alerts.Single(a => a.Id == "cap-2").Severity);
        Assert.AreEqual(AlertSeverity.Extreme, alerts.Single(a => a.Id == "cap-1").Severity, "unchanged documents come from the cache");
        Assert.AreEqual(0, reader.State.GetFeedStatistics("cap-2").NotModified);
        Assert.AreEqual(3, reader.State.GetFeedStatistics(ThreeDocuments).NotModified);
    }

    [TestMethod]
    public async Task Missing_document_fails_the_feed_and_names_it()
    {
        await using var reader = await StartAsync();
        PublishThree(reader.State);
        reader.State.ClearFeed("cap-2");

        var (outcome, alerts) = await reader.CycleAsync();

        Assert.IsFalse(outcome.Succeeded);
        Assert.IsEmpty(alerts, "an index is never read in part");
        StringAssert.Contains(outcome.Error, "1 of its 3 linked documents could not be read");
        StringAssert.Contains(outcome.Error, reader.BaseAddress + "/feeds/cap-2: HTTP 404");
    }

    [TestMethod]
    [DataRow("""{"alerts":[]}""", "application/json", "not a CAP document")]
    [DataRow("<!DOCTYPE html><html><body>Moved</body></html>", "text/html", "an HTML page, not a CAP document")]
    [DataRow("""<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&x;</identifier></alert>""", "application/cap+xml", "DTD")]
    public async Task Linked_document_that_is_not_cap_fails_the_feed(string body, string contentType, string why)
    {
        await using var reader = await StartAsync();
        PublishThree(reader.State);
        reader.State.SetFeed("cap-3", body, contentType);

        var (outcome, _) = await reader.CycleAsync();

        Assert.IsFalse(outcome.Succeeded);
        StringAssert.Contains(outcome.Error, "/feeds/cap-3");
        StringAssert.Contains(outcome.Error, why);
    }

    [TestMethod]
    public async Task Linked_document_over_the_size_cap_fails_the_feed()
    {
        await using var reader = await StartAsync(settings: s => s["Weather:MaxFeedBytes"] = "4000");
        PublishThree(reader.State);
        reader.State.SetFeed("cap-1", Tornado("cap-1", "FLZ172").Replace("<headline>", "<headline>" + new string('x', 5000), StringComparison.Ordinal), CapDocument.ContentType);

        var (outcome, _) = await reader.CycleAsync();

        Assert.IsFalse(outcome.Succeeded);
        StringAssert.Contains(outcome.Error, "/feeds/cap-1");
        StringAssert.Contains(outcome.Error, "Weather:MaxFeedBytes");
    }

    [TestMethod]
    public async Task Link_to_another_host_is_refused_and_named_unless_follow_links_to_lists_it()
    {
        await using var refusing = await StartAsync();
        PublishThree(refusing.State);
        var elsewhere = refusing.BaseAddress.Replace("127.0.0.1", "localhost", StringComparison.Ordinal) + "/feeds/cap-3";
        refusing.State.SetIndexFeed("index", IndexFeedKind.Atom, [new("entry-1", "cap-1"), new("entry-3", elsewhere)]);

        var (refused, _) = await refusing.CycleAsync();

        Assert.IsFalse(refused.Succeeded);
        StringAssert.Contains(refused.Error, elsewhere);
        StringAssert.Contains(refused.Error, "on host localhost, which its FollowLinksTo setting does not list");
        Assert.AreEqual(0, refusing.State.GetFeedStatistics("cap-3").Requests, "a refused link is never requested");

        await using var following = await StartAsync(settings: s => s["Weather:Feeds:0:FollowLinksTo:0"] = "localhost");
        PublishThree(following.State);
        var listed = following.BaseAddress.Replace("127.0.0.1", "localhost", StringComparison.Ordinal) + "/feeds/cap-3";
        following.State.SetIndexFeed("index", IndexFeedKind.Atom, [new("entry-1", "cap-1"), new("entry-3", listed)]);

        var (followed, alerts) = await following.CycleAsync();

        Assert.IsTrue(followed.Succeeded, followed.Error);
        Assert.HasCount(2, alerts);
    }

    [TestMethod]
    public async Task Link_to_plain_http_elsewhere_is_refused_even_when_listed()
    {
        await using var reader = await StartAsync(settings: s => s["Weather:Feeds:0:FollowLinksTo:0"] = "cap.example.org");
        PublishThree(reader.State);
        reader.State.SetIndexFeed("index", IndexFeedKind.Atom, [new("entry-1", "cap-1"), new("entry-2", "http://cap.example.org/alerts/2.xml")]);

        var (outcome, _) = await reader.CycleAsync();

        Assert.IsFalse(outcome.Succeeded);
        StringAssert.Contains(outcome.Error, "http://cap.example.org/alerts/2.xml: only https links are followed");
    }

    [TestMethod]
    public async Task Entry_without_a_cap_link_is_skipped_and_counted()
    {
        await using var reader = await StartAsync("rss-index");
        PublishThree(reader.State);
        reader.State.SetIndexFeed("index", IndexFeedKind.Rss, [new("entry-1", "cap-1"), new("bulletin", null), new("entry-2", "cap-2")]);

        var (outcome, alerts) = await reader.CycleAsync();

        Assert.IsTrue(outcome.Succeeded, outcome.Error);
        Assert.HasCount(2, alerts);
        Assert.AreEqual(1, outcome.Skipped);
        Assert.AreEqual("no CAP link", outcome.SkippedBecause);
    }

    [TestMethod]
    public async Task Rss_news_feed_under_auto_is_refused_with_a_clear_error()
    {
        await using var reader = await StartAsync("auto");
        reader.State.SetFeed("index", """<rss version="2.0"><channel><title>News</title><item><title>Storm season</title></item></channel></rss>""", "application/rss+xml");

        var (outcome, _) = await reader.CycleAsync();

        Assert.IsFalse(outcome.Succeeded);
        StringAssert.Contains(outcome.Error, "RSS is read only as an index of CAP documents");
    }

    [TestMethod]
    public async Task Index_listing_more_documents_than_allowed_is_refused_before_any_is_fetched()
    {
        await using var reader = await StartAsync(settings: s => s["Weather:MaxLinkedDocuments"] = "2");
        PublishThree(reader.State);

        var (outcome, _) = await reader.CycleAsync();

        Assert.IsFalse(outcome.Succeeded);
        StringAssert.Contains(outcome.Error, "links to 3 documents, more than Weather:MaxLinkedDocuments allows (2)");
        Assert.AreEqual(1, reader.State.GetFeedStatistics(ThreeDocuments).Requests, "only the index was requested");
    }

    [TestMethod]
    public async Task Document_that_fails_once_is_read_on_the_next_cycle_and_the_others_stay_cached()
    {
        await using var reader = await StartAsync();
        PublishThree(reader.State);
        reader.State.Faults.SetFeedFault("cap-2", FeedFault.ServerError);
        var (failed, _) = await reader.CycleAsync();
        reader.State.Faults.SetFeedFault("cap-2", FeedFault.None);
        reader.State.ResetCounters();

        var (outcome, alerts) = await reader.CycleAsync();

        Assert.IsFalse(failed.Succeeded);
        Assert.IsTrue(outcome.Succeeded, outcome.Error);
        Assert.HasCount(3, alerts);
        Assert.AreEqual(3, reader.State.GetFeedStatistics(["index", "cap-1", "cap-3"]).NotModified);
        Assert.AreEqual(0, reader.State.GetFeedStatistics("cap-2").NotModified, "the failed document had nothing cached");
    }
}
