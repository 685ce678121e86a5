using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Alerts;

namespace WeatherCampaign.Core.Tests.Alerts;

[TestClass]
public sealed class OpenFemaSettingsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging().AddAlertFeeds(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();

    private static async Task<string> StartUpFailure(Dictionary<string, string?> settings)
    {
        using var services = Services(settings);
        var error = Assert.Throws<Exception>(() => services.GetRequiredService<IStartupValidator>().Validate());
        var failures = error is AggregateException aggregate
            ? aggregate.Flatten().InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures)
            : ((OptionsValidationException)error).Failures;
        return string.Join("\n", failures);
    }

    [TestMethod]
    public void Openfema_format_binds_with_its_paging_settings()
    {
        using var services = Services(new()
        {
            ["Weather:Feeds:0:Url"] = "https://www.fema.gov/api/open/v2/DisasterDeclarationsSummaries",
            ["Weather:Feeds:0:Format"] = "openfema",
            ["Weather:OpenFema:PageSize"] = "500",
        });

        Assert.AreEqual(FeedFormat.OpenFema, services.GetRequiredService<IOptions<WeatherOptions>>().Value.Feeds[0].Format);
        Assert.AreEqual(500, services.GetRequiredService<IOptions<OpenFemaOptions>>().Value.PageSize);
        Assert.AreEqual(TimeSpan.FromDays(1), services.GetRequiredService<IOptions<OpenFemaOptions>>().Value.FullReadEvery);
        Assert.IsNotNull(services.GetRequiredService<OpenFemaFeedReader>());
    }

    [TestMethod]
    public async Task Openfema_needs_an_http_endpoint_not_a_file()
    {
        var failure = await StartUpFailure(new() { ["Weather:Feeds:0:Url"] = "file:///replay/fema.json", ["Weather:Feeds:0:Format"] = "openfema" });

        StringAssert.Contains(failure, "Weather:Feeds:0:Url");
        StringAssert.Contains(failure, "page by page");
    }

    [TestMethod]
    public async Task Page_size_beyond_openfemas_ceiling_fails_start_up()
    {
        var failure = await StartUpFailure(new()
        {
            ["Weather:Feeds:0:Url"] = "https://www.fema.gov/api/open/v2/DisasterDeclarationsSummaries",
            ["Weather:Feeds:0:Format"] = "openfema",
            ["Weather:OpenFema:PageSize"] = "20000",
        });

        StringAssert.Contains(failure, "Weather:OpenFema:PageSize");
    }
}
