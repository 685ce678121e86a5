using System.ComponentModel.DataAnnotations;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>The <c>KeyVault</c> section: when <see cref="Uri"/> is set, the CXone credentials come from that vault.</summary>
public sealed class KeyVaultOptions : IValidatableObject
{
    public const string Section = "KeyVault";
    public string? Uri { get; set; }
    [Required] public string ClientIdSecretName { get; set; } = "cxone-client-id";
    [Required] public string ClientSecretSecretName { get; set; } = "cxone-client-secret";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Uri);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsConfigured && (!System.Uri.TryCreate(Uri, UriKind.Absolute, out var uri) || uri.Scheme != System.Uri.UriSchemeHttps))
            yield return new ValidationResult($"KeyVault:Uri must be an absolute https URL, got '{Uri}'.", [nameof(Uri)]);
    }
}
