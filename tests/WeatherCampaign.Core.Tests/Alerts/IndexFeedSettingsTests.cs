using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Alerts;

namespace WeatherCampaign.Core.Tests.Alerts;

/// <summary><c>Weather:Feeds:N:Format</c> atom-index / rss-index, <c>FollowLinksTo</c> and the link bounds, checked at start-up.</summary>
[TestClass]
public sealed class IndexFeedSettingsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging().AddAlertFeeds(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();

    private static async Task<string> StartUpFailure(Dictionary<string, string?> settings)
    {
        using var services = Services(settings);
        var error = Assert.Throws<Exception>(() => services.GetRequiredService<IStartupValidator>().Validate());
        return error is AggregateException aggregate ? string.Join(" | ", aggregate.Flatten().InnerExceptions.Select(e => e.Message)) : error.Message;
    }

    [TestMethod]
    [DataRow("atom-index", FeedFormat.AtomIndex)]
    [DataRow("rss-index", FeedFormat.RssIndex)]
    [DataRow("RssIndex", FeedFormat.RssIndex)]
    [DataRow("auto", FeedFormat.Auto)]
    public async Task Index_formats_are_written_with_a_hyphen_or_by_name(string written, FeedFormat expected)
    {
        using var services = Services(new()
        {
            ["Weather:Feeds:0:Url"] = "https://rss.alerts.example.ca/",
            ["Weather:Feeds:0:Format"] = written,
            ["Weather:Feeds:0:FollowLinksTo:0"] = "cap.alerts.example.ca",
        });

        services.GetRequiredService<IStartupValidator>().Validate();

        var feed = services.GetRequiredService<IOptions<WeatherOptions>>().Value.Feeds.Single();
        Assert.AreEqual(expected, feed.Format);
        CollectionAssert.AreEqual(new[] { "cap.alerts.example.ca" }, feed.FollowLinksTo);
    }

    [TestMethod]
    public async Task Unknown_format_names_the_setting_and_the_formats()
    {
        var error = await StartUpFailure(new() { ["Weather:Feeds:0:Url"] = "https://a.example.com/", ["Weather:Feeds:0:Format"] = "rss-feed" });

        StringAssert.Contains(error, "Weather:Feeds:0:Format 'rss-feed' is not one of");
        StringAssert.Contains(error, "AtomIndex, RssIndex");
    }

    [TestMethod]
    [DataRow("https://cap.alerts.example.ca")]
    [DataRow("cap.alerts.example.ca/path")]
    [DataRow("cap.alerts.example.ca:443")]
    [DataRow(" ")]
    public async Task Follow_links_to_takes_bare_host_names(string host)
    {
        var error = await StartUpFailure(new()
        {
            ["Weather:Feeds:0:Url"] = "https://rss.alerts.example.ca/",
            ["Weather:Feeds:0:Format"] = "atom-index",
            ["Weather:Feeds:0:FollowLinksTo:0"] = host,
        });

        StringAssert.Contains(error, "Weather:Feeds:0:FollowLinksTo:0");
    }

    [TestMethod]
    public async Task Follow_links_to_on_a_feed_that_is_not_an_index_fails_start_up()
    {
        var error = await StartUpFailure(new()
        {
            ["Weather:Feeds:0:Url"] = "https://feeds.example.com/alerts.cap",
            ["Weather:Feeds:0:Format"] = "cap",
            ["Weather:Feeds:0:FollowLinksTo:0"] = "cap.example.com",
        });

        StringAssert.Contains(error, "Weather:Feeds:0:FollowLinksTo is set, but the feed's Format is Cap");
    }

    [TestMethod]
    public async Task Link_concurrency_and_max_linked_documents_are_bounded()
    {
        var error = await StartUpFailure(new()
        {
            ["Weather:Feeds:0:Url"] = "https://rss.alerts.example.ca/",
            ["Weather:LinkConcurrency"] = "0",
            ["Weather:MaxLinkedDocuments"] = "1000000",
        });

        StringAssert.Contains(error, "Weather:LinkConcurrency");
        StringAssert.Contains(error, "Weather:MaxLinkedDocuments");
    }
}
