using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Settings;

namespace WeatherCampaign.Core.Tests.Settings;

/// <summary>HTTPS for every outside call: a configured http URL is a start-up error unless it names a loopback address.</summary>
[TestClass]
public sealed class TransportRuleTests
{
    private static async Task<string[]> StartUpFailures(string key, string value)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Cxone:BaseUrl"] = "https://acme.example",
            ["Cxone:ClientId"] = "local-client",
            ["Cxone:ClientSecret"] = "local-secret",
            ["Weather:Feeds:0:Url"] = "https://feeds.example.com/alerts.json",
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            [key] = value,
        };
        await using var services = new ServiceCollection().AddLogging()
            .AddWeatherCampaign(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (Exception error)
        {
            var failures = error is AggregateException aggregate ? aggregate.Flatten().InnerExceptions.Cast<OptionsValidationException>() : [(OptionsValidationException)error];
            return failures.SelectMany(f => f.Failures).Distinct(StringComparer.Ordinal).ToArray();
        }
    }

    [TestMethod]
    [DataRow("Weather:Feeds:0:Url", "http://feeds.example.com/alerts.json", "Weather:Feeds:0:Url 'http://feeds.example.com/alerts.json' is not an https URL (http only to a loopback address such as 127.0.0.1), or a file: path.")]
    [DataRow("Cxone:BaseUrl", "http://acme.niceincontact.com", "Cxone:BaseUrl 'http://acme.niceincontact.com' is not an https URL (http only to a loopback address such as 127.0.0.1).")]
    public async Task Plain_http_to_another_host_fails_start_up_naming_the_setting(string key, string value, string line)
    {
        CollectionAssert.AreEqual(new[] { line }, await StartUpFailures(key, value));
    }

    [TestMethod]
    [DataRow("Weather:Feeds:0:Url", "http://127.0.0.1:5080/alerts.json")]
    [DataRow("Weather:Feeds:0:Url", "http://localhost:5080/alerts.json")]
    [DataRow("Cxone:BaseUrl", "http://[::1]:5080")]
    public async Task Plain_http_to_a_loopback_address_starts(string key, string value)
    {
        CollectionAssert.AreEqual(Array.Empty<string>(), await StartUpFailures(key, value));
    }

    [TestMethod]
    public void Loopback_means_this_machine_only()
    {
        Assert.IsTrue(TransportRule.Permits(new Uri("http://127.0.0.2/feed")));
        Assert.IsFalse(TransportRule.Permits(new Uri("http://10.0.0.4/feed")));
        Assert.IsFalse(TransportRule.Permits(new Uri("http://localhost.example.com/feed")));
        Assert.IsFalse(TransportRule.Permits(new Uri("ftp://127.0.0.1/feed")));
    }
}
