using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Settings;

namespace WeatherCampaign.Core.Notifications;

/// <summary>
/// Checks the <c>Notify</c> section at start-up, one line per invalid setting. A webhook URL is a secret: a line about it names the
/// setting and what is allowed, never the value.
/// </summary>
public sealed class NotifyOptionsValidator(IOptions<KeyVaultOptions> vault) : IValidateOptions<NotifyOptions>
{
    public ValidateOptionsResult Validate(string? name, NotifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string section = NotifyOptions.Section;
        var failures = new SettingFailures();
        for (var i = 0; i < options.Webhooks.Count; i++)
        {
            var webhook = options.Webhooks[i];
            var prefix = $"{section}:Webhooks:{i}";
            var hasUrl = !string.IsNullOrWhiteSpace(webhook.Url);
            var hasSecret = !string.IsNullOrWhiteSpace(webhook.UrlSecret);
            if (hasUrl == hasSecret)
            {
                failures.Add($"{prefix}: give either Url (local runs) or UrlSecret (the name of a Key Vault secret holding the URL), not both and not neither.");
            }
            else if (hasUrl && !IsPermitted(webhook.Url!))
            {
                failures.Add($"{prefix}:Url is not {TransportRule.Allowed} (the value is not shown: a webhook URL is a secret).");
            }
            else if (hasSecret && !vault.Value.IsConfigured)
            {
                failures.Add($"{prefix}:UrlSecret '{webhook.UrlSecret}' names a vault secret, but KeyVault:Uri is not set: set it, or give {prefix}:Url for a local run.");
            }

            failures.Defined($"{prefix}:Kind", webhook.Kind);
        }

        failures.Range($"{section}:Timeout", options.Timeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2));
        failures.Range($"{section}:MaxRetries", options.MaxRetries, 0, 10);
        failures.Range($"{section}:PoisonDigestWindow", options.PoisonDigestWindow, TimeSpan.Zero, TimeSpan.FromMinutes(30));
        return failures.ToResult();
    }

    /// <summary>An absolute URL that <see cref="TransportRule"/> permits.</summary>
    public static bool IsPermitted(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && TransportRule.Permits(uri);
}
