using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CxoneSimulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WeatherCampaign.Core;
using WeatherCampaign.Core.Dashboard;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Dashboard.Tests;

/// <summary>Who may see the page and act on it: a signed-in person, from the page itself, on this machine only.</summary>
[TestClass]
public sealed class StatusPageSecurityTests
{
    private const string Ohio = "camp-oh-0005";

    private static async Task<DashboardSession> ServeAsync()
    {
        var session = await DashboardSession.StartAsync([CampaignEntity.Create(Ohio, "Ohio Valley Outreach", CampaignEntity.Running, "US-OH")], NwsFeed.Empty);
        await session.ServeAsync();
        return session;
    }

    /// <summary>The page's cookie, as a browser holds it after opening the page.</summary>
    private static async Task<string> PageCookieAsync(HttpClient client, Uri address)
    {
        using var page = await client.GetAsync(address);
        var cookie = page.Headers.GetValues("Set-Cookie").Single();
        StringAssert.Contains(cookie, "SameSite=Strict");
        StringAssert.Contains(cookie, "HttpOnly");
        return cookie.Split(';')[0];
    }

    private static HttpRequestMessage AddHold(Uri address, string? cookie, string? origin, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, "api/holds/add"))
        {
            Content = new StringContent($$"""{"campaignId":"{{Ohio}}","reason":"forged"}""", Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return request;
    }

    [TestMethod]
    public async Task A_post_from_another_origin_without_the_cookie_or_as_a_form_is_refused_and_changes_nothing()
    {
        await using var session = await ServeAsync();
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false });
        var cookie = await PageCookieAsync(client, session.Address);
        var own = session.Address.GetLeftPart(UriPartial.Authority);

        var requests = new[]
        {
            AddHold(session.Address, cookie, "http://evil.example"),
            AddHold(session.Address, cookie, origin: null),
            AddHold(session.Address, cookie: null, own),
            AddHold(session.Address, cookie, own, "application/x-www-form-urlencoded"),
            AddHold(session.Address, cookie, own, "text/plain"),
        };
        foreach (var request in requests)
        {
            using (request)
            using (var response = await client.SendAsync(request))
            {
                Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode, await response.Content.ReadAsStringAsync());
            }
        }

        Assert.IsNull(await new HoldLedger(SharedAzurite.Tables).GetAsync(Ohio), "no forged hold");
        using var fromThePage = AddHold(session.Address, cookie, own);
        using var accepted = await client.SendAsync(fromThePage);
        Assert.AreEqual(HttpStatusCode.OK, accepted.StatusCode, "the same request from the page itself goes through");
    }

    [TestMethod]
    public async Task Every_answer_carries_a_content_security_policy_without_inline_script_or_style()
    {
        await using var session = await ServeAsync();
        using var client = new HttpClient();

        foreach (var path in new[] { "", "app.js", "api/status", "api/audit" })
        {
            using var response = await client.GetAsync(new Uri(session.Address, path));
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, path);
            var policy = response.Headers.GetValues("Content-Security-Policy").Single();
            StringAssert.Contains(policy, "script-src 'self'");
            StringAssert.Contains(policy, "frame-ancestors 'none'");
            Assert.DoesNotContain("unsafe-inline", policy);
            Assert.AreEqual("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }

    [TestMethod]
    public async Task The_status_shows_no_secret_or_token()
    {
        await using var session = await ServeAsync();
        using var client = new HttpClient();

        var status = await client.GetStringAsync(new Uri(session.Address, "api/status"));

        Assert.DoesNotContain(SimulatorSeed.LocalClientSecret, status);
        Assert.DoesNotContain("AccountKey", status);
        Assert.DoesNotContain("token", status, StringComparison.OrdinalIgnoreCase);
    }

    [TestMethod]
    public async Task A_page_opened_under_another_host_name_is_not_served()
    {
        await using var session = await ServeAsync();
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, session.Address);
        request.Headers.Host = "rebound.example:" + session.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var response = await client.SendAsync(request);

        Assert.AreNotEqual(HttpStatusCode.OK, response.StatusCode, "DNS rebinding: the loopback listener answers only for 127.0.0.1");
    }

    [TestMethod]
    [DataRow("0.0.0.0")]
    [DataRow("::")]
    [DataRow("192.168.1.10")]
    public async Task The_local_server_refuses_any_address_but_loopback(string address)
    {
        await using var services = Services();

        Assert.ThrowsExactly<ArgumentException>(() =>
            LoopbackDashboardServer.Start(services.GetRequiredService<DashboardEndpoint>(), IPAddress.Parse(address), 7080, "someone"));
    }

    [TestMethod]
    public async Task Without_a_signed_in_person_every_request_gets_401_even_with_a_function_key()
    {
        await using var services = Services();
        var endpoint = services.GetRequiredService<DashboardEndpoint>();
        var user = AppServiceUser.FromHeaders(principalName: null, principal: null);

        foreach (var (method, path) in new[] { ("GET", ""), ("GET", "api/status"), ("POST", "api/approve"), ("POST", "api/holds/add") })
        {
            var answer = await endpoint.HandleAsync(new DashboardRequest(method, path, new Dictionary<string, string> { ["code"] = "a-function-key" },
                "app.azurewebsites.net", Https: true, "https://app.azurewebsites.net", null, "application/json", "{}", user));

            Assert.AreEqual(401, answer.Status, $"{method} {path}");
        }
    }

    [TestMethod]
    public void The_person_is_read_from_the_App_Service_principal_headers()
    {
        var principal = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            """{"auth_typ":"aad","name_typ":"name","claims":[{"typ":"name","val":"Dana Operator"},{"typ":"preferred_username","val":"dana@example.com"}]}"""));

        Assert.AreEqual("dana@example.com", AppServiceUser.FromHeaders("dana@example.com", principal));
        Assert.AreEqual("Dana Operator", AppServiceUser.FromHeaders(null, principal));
        Assert.AreEqual("dana x", AppServiceUser.FromHeaders("dana\u001b[31mx", null)?.Replace("[31m", "", StringComparison.Ordinal), "no control character reaches an audit row");
        Assert.IsNull(AppServiceUser.FromHeaders(null, "not base64 json"));
        Assert.IsNull(AppServiceUser.FromHeaders("  ", null));
    }

    private static ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = SharedAzurite.ConnectionString,
            ["Cxone:BaseUrl"] = "http://127.0.0.1:9",
            ["Cxone:ClientId"] = "id",
            ["Cxone:ClientSecret"] = "not-a-real-secret",
            ["Weather:Feeds:0:Url"] = "http://127.0.0.1:9/feed",
            ["Weather:UserAgent"] = "(tests, ops@example.com)",
        }).Build();
        return new ServiceCollection().AddLogging().AddWeatherCampaign(configuration).BuildServiceProvider();
    }
}
