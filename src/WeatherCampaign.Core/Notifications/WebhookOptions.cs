namespace WeatherCampaign.Core.Notifications;

/// <summary>
/// One webhook (<c>Notify:Webhooks:N:*</c>). Its URL is a secret (whoever has it can post to the channel), so in Azure it is
/// the vault secret <see cref="UrlSecret"/> names, read with the app's identity like the platform credentials; <see cref="Url"/>
/// is for local runs. Checked by <see cref="NotifyOptionsValidator"/>.
/// </summary>
public sealed class WebhookOptions
{
    /// <summary>The URL itself; local runs and tests (never echoed in a settings error).</summary>
    public string? Url { get; set; }

    /// <summary>The name of the Key Vault secret (<c>KeyVault:Uri</c>) holding the URL.</summary>
    public string? UrlSecret { get; set; }

    public WebhookKind Kind { get; set; } = WebhookKind.Generic;

    /// <summary>A name for logs and audit rows; defaults to <c>webhook N</c>. The URL is never shown.</summary>
    public string? Name { get; set; }
}
