namespace WeatherCampaign.Core.Campaigns;

/// <summary>
/// The <c>KeyVault</c> section: when <see cref="Uri"/> is set, the CXone credentials come from that vault
/// (checked by <see cref="KeyVaultOptionsValidator"/>).
/// </summary>
public sealed class KeyVaultOptions
{
    public const string Section = "KeyVault";
    public string? Uri { get; set; }
    public string ClientIdSecretName { get; set; } = "cxone-client-id";
    public string ClientSecretSecretName { get; set; } = "cxone-client-secret";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Uri);
}
