using Azure.Security.KeyVault.Secrets;
using WeatherCampaign.Core.Campaigns;

namespace WeatherCampaign.Core.Notifications;

/// <summary>
/// Each webhook's URL: its <c>Url</c> setting, or its <c>UrlSecret</c> read from Key Vault with the app's identity, cached and read
/// again once when the webhook refuses the URL (a rotated secret). The URL is a secret: nothing here puts it in a message.
/// </summary>
public sealed class WebhookUrls
{
    private readonly IReadOnlyList<VaultCredentials<Uri>?> _vault;
    private readonly IReadOnlyList<Uri?> _settings;

    /// <param name="secrets">The vault client; null when no webhook names a secret (<c>KeyVault:Uri</c> may be unset then).</param>
    public WebhookUrls(NotifyOptions options, SecretClient? secrets)
    {
        ArgumentNullException.ThrowIfNull(options);
        _settings = [.. options.Webhooks.Select(w => string.IsNullOrWhiteSpace(w.Url) ? null : new Uri(w.Url))];
        _vault = [.. options.Webhooks.Select(w => string.IsNullOrWhiteSpace(w.UrlSecret) || secrets is null
            ? null
            : new VaultCredentials<Uri>(async ct => Checked(await secrets.ReadValueAsync(w.UrlSecret, ct).ConfigureAwait(false), w.UrlSecret)))];
    }

    /// <summary>The URL of webhook <paramref name="index"/>; <paramref name="refresh"/> reads the vault again.</summary>
    /// <exception cref="WebhookUrlException">The vault secret is not a URL the transport rule permits (its value is not shown).</exception>
    public async ValueTask<Uri> GetAsync(int index, bool refresh, CancellationToken cancellationToken) =>
        _settings[index] ?? await _vault[index]!.GetAsync(refresh, cancellationToken).ConfigureAwait(false);

    /// <summary>Whether the URL comes from the vault, so reading it again may help after a refusal.</summary>
    public bool IsFromVault(int index) => _vault[index] is not null;

    private static Uri Checked(string value, string secretName) =>
        NotifyOptionsValidator.IsPermitted(value.Trim())
            ? new Uri(value.Trim())
            : throw new WebhookUrlException($"The vault secret '{secretName}' is not an https URL (the value is not shown: a webhook URL is a secret).");
}
