using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WeatherCampaign.Core.Alerts;

namespace WeatherCampaign.Integration.Tests.Failures;

/// <summary>A feed's redirects against a real loopback server: followed only over https (or loopback to loopback), to allowed hosts, never to private addresses.</summary>
[TestClass]
public sealed class FeedRedirectTests
{
    private static HttpListener? s_listener;
    private static int s_port;
    private static int s_feedRequests;

    [ClassInitialize]
    public static void StartServer(TestContext context)
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            s_port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        s_listener = new HttpListener();
        s_listener.Prefixes.Add($"http://127.0.0.1:{s_port}/");
        s_listener.Prefixes.Add($"http://localhost:{s_port}/");
        s_listener.Start();
        _ = Task.Run(ServeAsync);
    }

    [ClassCleanup]
    public static void StopServer() => s_listener?.Close();

    private static async Task ServeAsync()
    {
        while (s_listener is { IsListening: true } listener)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var response = context.Response;
            var location = context.Request.Url!.AbsolutePath switch
            {
                "/moved" => "/feed",
                "/to-localhost" => $"http://localhost:{s_port}/feed",
                "/to-private" => "https://10.1.2.3/feed",
                "/to-http" => "http://feeds.example.com/feed",
                "/loop" => "/loop",
                _ => null,
            };
            if (location is not null)
            {
                response.StatusCode = 302;
                response.RedirectLocation = location;
            }
            else
            {
                Interlocked.Increment(ref s_feedRequests);
                var body = Encoding.UTF8.GetBytes(NwsFeed.With(NwsAlert.Warning("hurricane-1", "Hurricane Warning", "FLZ172")));
                response.ContentType = NwsFeed.ContentType;
                await response.OutputStream.WriteAsync(body);
            }

            response.Close();
        }
    }

    private static async Task<FeedOutcome> ReadAsync(string path, params string[] redirectHosts)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Weather:Feeds:0:Url"] = $"http://127.0.0.1:{s_port}{path}",
            ["Weather:Feeds:0:Format"] = "nws",
            ["Weather:Feeds:0:Name"] = "nws",
            ["Weather:UserAgent"] = "(WeatherCampaign tests, ops@example.com)",
        };
        for (var i = 0; i < redirectHosts.Length; i++)
        {
            settings[$"Weather:Feeds:0:RedirectHosts:{i}"] = redirectHosts[i];
        }

        await using var services = new ServiceCollection().AddLogging()
            .AddAlertFeeds(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
        return (await services.GetRequiredService<IAlertSource>().ReadAsync(CancellationToken.None)).Feeds.Single();
    }

    [TestMethod]
    public async Task Redirect_to_the_feeds_own_host_is_followed()
    {
        var outcome = await ReadAsync("/moved");

        Assert.IsTrue(outcome.Succeeded, outcome.Error);
        Assert.AreEqual(1, outcome.AlertCount);
    }

    [TestMethod]
    public async Task Redirect_to_another_host_is_refused_unless_the_feed_lists_it()
    {
        var before = Volatile.Read(ref s_feedRequests);

        var refused = await ReadAsync("/to-localhost");
        var listed = await ReadAsync("/to-localhost", "localhost");

        Assert.IsFalse(refused.Succeeded);
        StringAssert.Contains(refused.Error, "RedirectHosts");
        Assert.IsTrue(listed.Succeeded, listed.Error);
        Assert.AreEqual(before + 1, Volatile.Read(ref s_feedRequests), "only the listed redirect reached the feed");
    }

    [TestMethod]
    public async Task Redirect_to_a_private_address_is_refused_even_when_listed()
    {
        var outcome = await ReadAsync("/to-private", "10.1.2.3");

        Assert.IsFalse(outcome.Succeeded);
        StringAssert.Contains(outcome.Error, "private or link-local");
    }

    [TestMethod]
    public async Task Redirect_to_plain_http_on_another_host_is_refused()
    {
        var outcome = await ReadAsync("/to-http", "feeds.example.com");

        Assert.IsFalse(outcome.Succeeded);
        StringAssert.Contains(outcome.Error, "only https is followed");
    }

    [TestMethod]
    public async Task Endless_redirects_stop_and_fail_the_feed()
    {
        var outcome = await ReadAsync("/loop");

        Assert.IsFalse(outcome.Succeeded);
        StringAssert.Contains(outcome.Error, "more than 5 times");
    }
}
