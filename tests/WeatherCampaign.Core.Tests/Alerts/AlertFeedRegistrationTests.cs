using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Alerts;

namespace WeatherCampaign.Core.Tests.Alerts;

[TestClass]
public sealed class AlertFeedRegistrationTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddAlertFeeds(configuration).BuildServiceProvider();
    }

    /// <summary>The start-up validation failure; the resilience pipeline, which reads Weather:Timeout, may report it too.</summary>
    private static async Task<OptionsValidationException> StartUpFails(Dictionary<string, string?> settings)
    {
        using var services = Services(settings);
        var error = Assert.Throws<Exception>(
            () => services.GetRequiredService<IStartupValidator>().Validate());
        return error as OptionsValidationException
            ?? ((AggregateException)error).Flatten().InnerExceptions.OfType<OptionsValidationException>().First();
    }

    [TestMethod]
    public void Binds_feeds_and_registers_the_reader_as_the_alert_source()
    {
        using var services = Services(new()
        {
            ["Weather:UserAgent"] = "(weathercampaign.example, ops@example.com)",
            ["Weather:Feeds:0:Url"] = "https://api.weather.gov/alerts/active",
            ["Weather:Feeds:1:Url"] = "file:///replay/customer.json",
            ["Weather:Feeds:1:Format"] = "Simple",
            ["Weather:Timeout"] = "00:00:20",
        });

        var source = services.GetRequiredService<IAlertSource>();
        var options = services.GetRequiredService<IOptions<WeatherOptions>>().Value;

        Assert.IsInstanceOfType<AlertFeedReader>(source);
        Assert.HasCount(2, options.Feeds);
        Assert.AreEqual(FeedFormat.Simple, options.Feeds[1].Format);
        Assert.AreEqual(TimeSpan.FromSeconds(20), options.Timeout);
        Assert.IsNotNull(services.GetRequiredService<IHttpClientFactory>().CreateClient(AlertFeedReader.HttpClientName));
    }

    [TestMethod]
    public void Registers_a_system_time_provider_when_none_is_given()
    {
        using var services = Services(new() { ["Weather:Feeds:0:Url"] = "file:///replay/a.json" });

        Assert.AreSame(TimeProvider.System, services.GetRequiredService<TimeProvider>());
    }

    [TestMethod]
    public async Task User_agent_is_required_for_the_nws_api_host()
    {
        var error = await StartUpFails(new() { ["Weather:Feeds:0:Url"] = "https://api.weather.gov/alerts/active" });

        StringAssert.Contains(error.Message, "Weather:UserAgent");
    }

    [TestMethod]
    public async Task User_agent_is_required_for_an_nws_format_feed()
    {
        var error = await StartUpFails(new() { ["Weather:Feeds:0:Url"] = "https://mirror.example.com/nws", ["Weather:Feeds:0:Format"] = "Nws" });

        StringAssert.Contains(error.Message, "Weather:UserAgent");
    }

    [TestMethod]
    public async Task User_agent_is_optional_for_other_feeds()
    {
        using var services = Services(new() { ["Weather:Feeds:0:Url"] = "https://feeds.example.com/alerts.json" });

        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [TestMethod]
    public async Task At_least_one_feed_is_required()
    {
        var error = await StartUpFails([]);

        StringAssert.Contains(error.Message, "Weather:Feeds");
    }

    [TestMethod]
    public async Task Feed_url_must_be_http_or_file()
    {
        var error = await StartUpFails(new() { ["Weather:Feeds:0:Url"] = "ftp://example.com/alerts" });

        StringAssert.Contains(error.Message, "Weather:Feeds:0:Url");
    }

    [TestMethod]
    public async Task Feed_names_must_be_distinct()
    {
        var error = await StartUpFails(new()
        {
            ["Weather:Feeds:0:Url"] = "https://a.example.com/alerts.json",
            ["Weather:Feeds:0:Name"] = "alerts",
            ["Weather:Feeds:1:Url"] = "https://b.example.com/alerts.json",
            ["Weather:Feeds:1:Name"] = "Alerts",
        });

        StringAssert.Contains(error.Message, "Weather:Feeds:1:Name");
    }

    [TestMethod]
    public async Task Max_feed_bytes_and_timeout_are_bounded()
    {
        var error = await StartUpFails(new()
        {
            ["Weather:Feeds:0:Url"] = "https://feeds.example.com/alerts.json",
            ["Weather:MaxFeedBytes"] = "0",
            ["Weather:Timeout"] = "00:00:00",
        });

        StringAssert.Contains(error.Message, "Weather:MaxFeedBytes");
        StringAssert.Contains(error.Message, "Weather:Timeout");
    }
}
