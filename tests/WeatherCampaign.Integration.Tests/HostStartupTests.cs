using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core;

namespace WeatherCampaign.Integration.Tests;

/// <summary>
/// A host with the Functions app's registration (<c>src/WeatherCampaign.Functions/Program.cs</c>:
/// <see cref="WeatherCampaignServiceCollectionExtensions.AddWeatherCampaign"/>) refuses to start on an invalid setting, naming it.
/// </summary>
[TestClass]
public sealed class HostStartupTests
{
    [TestMethod]
    public async Task Host_start_up_fails_with_one_line_naming_the_invalid_setting_its_value_and_the_allowed_values()
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = SharedAzurite.ConnectionString,
            ["Cxone:BaseUrl"] = "https://acme.example",
            ["Cxone:ClientId"] = "local-client",
            ["Cxone:ClientSecret"] = "local-secret",
            ["Weather:Feeds:0:Url"] = "https://feeds.example.com/alerts.json",
            ["Policy:MinimumSeverity"] = "Huge",
        };
        using var host = new HostBuilder()
            .ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings))
            .ConfigureServices((context, services) => services.AddWeatherCampaign(context.Configuration))
            .Build();

        var error = await Assert.ThrowsExactlyAsync<OptionsValidationException>(() => host.StartAsync());

        CollectionAssert.AreEqual(new[] { "Policy:MinimumSeverity 'Huge' is not one of Unknown, Minor, Moderate, Severe, Extreme." }, error.Failures.ToArray());
        StringAssert.Contains(error.Message, "Policy:MinimumSeverity 'Huge'");
    }
}
