using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WeatherCampaign.Core.Alerts;

namespace WeatherCampaign.Core.Tests.Alerts;

/// <summary>A recorded index replayed from <c>file:</c>: its relative links are the files beside it, and nothing else.</summary>
[TestClass]
public sealed class IndexFeedReplayTests
{
    private const string Cap = """
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>replayed-1</identifier><sent>2025-01-20T20:00:00Z</sent><status>Actual</status><msgType>Alert</msgType>
        <info><event>Flood Warning</event><severity>Severe</severity><area><areaDesc>Dade</areaDesc><geocode><valueName>SAME</valueName><value>012086</value></geocode></area></info></alert>
        """;

    private static async Task<FeedOutcome> ReplayAsync(string index, Action<DirectoryInfo> arrange)
    {
        var directory = Directory.CreateTempSubdirectory("index-replay-");
        try
        {
            var recorded = directory.CreateSubdirectory("recorded");
            File.WriteAllText(Path.Combine(recorded.FullName, "index.rss"), index);
            arrange(directory);
            var settings = new Dictionary<string, string?>
            {
                ["Weather:Feeds:0:Url"] = new Uri(Path.Combine(recorded.FullName, "index.rss")).AbsoluteUri,
                ["Weather:Feeds:0:Format"] = "rss-index",
                ["Weather:Feeds:0:Name"] = "replay",
            };
            await using var services = new ServiceCollection().AddLogging()
                .AddAlertFeeds(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
            return (await services.GetRequiredService<IAlertSource>().ReadAsync(CancellationToken.None)).Feeds.Single();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [TestMethod]
    public async Task Relative_link_of_a_replayed_index_reads_the_file_beside_it()
    {
        var outcome = await ReplayAsync(
            """<rss version="2.0"><channel><item><link>documents/flood.xml</link></item></channel></rss>""",
            d => File.WriteAllText(Path.Combine(d.CreateSubdirectory("recorded/documents").FullName, "flood.xml"), Cap));

        Assert.IsTrue(outcome.Succeeded, outcome.Error);
        Assert.AreEqual(1, outcome.AlertCount);
    }

    [TestMethod]
    public async Task Replayed_index_cannot_reach_a_file_outside_its_directory()
    {
        var outcome = await ReplayAsync(
            """<rss version="2.0"><channel><item><link>../secret.xml</link></item></channel></rss>""",
            d => File.WriteAllText(Path.Combine(d.FullName, "secret.xml"), Cap));

        Assert.IsFalse(outcome.Succeeded);
        StringAssert.Contains(outcome.Error, "a local file is followed only from a replayed index, and only beside it");
    }
}
