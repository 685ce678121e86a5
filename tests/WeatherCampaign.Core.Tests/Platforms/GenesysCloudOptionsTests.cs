using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Platforms.GenesysCloud;

namespace WeatherCampaign.Core.Tests.Platforms;

/// <summary>The <c>GenesysCloud</c> settings: the region gives both hosts, https only (http on loopback), one line per invalid setting.</summary>
[TestClass]
public sealed class GenesysCloudOptionsTests
{
    private static ValidateOptionsResult Validate(GenesysCloudOptions options) =>
        new GenesysCloudOptionsValidator(Options.Create(new KeyVaultOptions())).Validate(null, options);

    private static GenesysCloudOptions Valid() => new() { Region = "mypurecloud.com", ClientId = "id", ClientSecret = "secret" };

    [TestMethod]
    public void Region_gives_the_login_and_api_hosts_and_the_published_pace()
    {
        var options = Valid();

        Assert.IsTrue(Validate(options).Succeeded);
        Assert.AreEqual(new Uri("https://login.mypurecloud.com/"), options.LoginUri);
        Assert.AreEqual(new Uri("https://api.mypurecloud.com/"), options.ApiUri);
        Assert.AreEqual(5, options.RequestsPerSecond, "300 requests per minute");
        Assert.AreEqual(100, options.PageSize);
    }

    [TestMethod]
    [DataRow("http://login.example.com", false)]
    [DataRow("ftp://127.0.0.1/login", false)]
    [DataRow("https://login.example.com?x=1", false)]
    [DataRow("http://127.0.0.1:5080/genesys/login", true)]
    [DataRow("http://[::1]:5080/genesys/login", true)]
    [DataRow("https://login.usw2.pure.cloud", true)]
    public void A_url_is_https_or_http_on_loopback_only(string loginUrl, bool valid)
    {
        var options = Valid();
        options.Region = null;
        options.LoginUrl = loginUrl;
        options.ApiUrl = "https://api.usw2.pure.cloud";

        var result = Validate(options);

        Assert.AreEqual(valid, result.Succeeded, result.FailureMessage);
        if (!valid)
        {
            StringAssert.StartsWith(result.Failures!.Single(), "GenesysCloud:LoginUrl");
        }
    }

    [TestMethod]
    public void Each_invalid_setting_is_one_line_naming_it()
    {
        var options = Valid();
        options.LoginUrl = "https://login.example.com";
        options.PageSize = 101;
        options.ClientSecret = null;

        var failures = Validate(options).Failures!.ToList();

        Assert.HasCount(3, failures, string.Join("\n", failures));
        Assert.IsTrue(failures.Any(f => f.StartsWith("GenesysCloud:Region and GenesysCloud:LoginUrl", StringComparison.Ordinal)));
        Assert.IsTrue(failures.Any(f => f.Contains("GenesysCloud:PageSize '101'", StringComparison.Ordinal)));
        Assert.IsTrue(failures.Any(f => f.StartsWith("GenesysCloud:ClientId and GenesysCloud:ClientSecret", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void A_region_that_is_not_a_domain_is_refused()
    {
        var options = Valid();
        options.Region = "https://mypurecloud.com/";

        StringAssert.StartsWith(Validate(options).Failures!.Single(), "GenesysCloud:Region");
    }
}
