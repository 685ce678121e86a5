using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Notifications;

namespace WeatherCampaign.Core.Tests.Notifications;

[TestClass]
public sealed class NotifyOptionsValidatorTests
{
    private static IReadOnlyList<string> Failures(WebhookOptions webhook, string? vaultUri = null)
    {
        var validator = new NotifyOptionsValidator(Options.Create(new KeyVaultOptions { Uri = vaultUri }));
        var result = validator.Validate(null, new NotifyOptions { Webhooks = [webhook] });
        return result.Failed ? [.. result.Failures!] : [];
    }

    [TestMethod]
    [DataRow("https://hooks.slack.example/services/T0/B0/secret")]
    [DataRow("http://127.0.0.1:5080/webhooks/teams")]
    [DataRow("http://localhost:5080/webhooks/teams")]
    public void An_https_url_or_plain_http_to_loopback_is_accepted(string url) =>
        Assert.AreEqual(0, Failures(new WebhookOptions { Url = url, Kind = WebhookKind.Slack }).Count);

    [TestMethod]
    [DataRow("http://hooks.slack.example/services/T0/B0/secret-value")]
    [DataRow("ftp://hooks.example/secret-value")]
    [DataRow("not a url secret-value")]
    public void Any_other_url_is_one_line_that_does_not_show_the_value(string url)
    {
        var line = Failures(new WebhookOptions { Url = url }).Single();

        StringAssert.StartsWith(line, "Notify:Webhooks:0:Url is not an https URL");
        Assert.IsFalse(line.Contains("secret-value", StringComparison.Ordinal), line);
    }

    [TestMethod]
    public void A_vault_secret_name_needs_the_vault()
    {
        StringAssert.Contains(Failures(new WebhookOptions { UrlSecret = "teams-webhook-url" }).Single(), "KeyVault:Uri is not set");
        Assert.AreEqual(0, Failures(new WebhookOptions { UrlSecret = "teams-webhook-url" }, "https://acme.vault.azure.net/").Count);
    }

    [TestMethod]
    public void Exactly_one_of_url_and_url_secret_is_given()
    {
        StringAssert.Contains(Failures(new WebhookOptions()).Single(), "give either Url");
        StringAssert.Contains(Failures(new WebhookOptions { Url = "https://a.example/x", UrlSecret = "s" }, "https://acme.vault.azure.net/").Single(), "not both");
    }
}
