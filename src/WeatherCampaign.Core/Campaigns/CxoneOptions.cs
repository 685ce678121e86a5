using System.ComponentModel.DataAnnotations;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>The <c>Cxone</c> section: where the campaign API is and how hard we may use it.</summary>
public sealed class CxoneOptions : IValidatableObject
{
    public const string Section = "Cxone";

    /// <summary>The tenant base URL, e.g. <c>https://acme.niceincontact.com</c>.</summary>
    [Required] public string BaseUrl { get; set; } = "";

    /// <summary>Used when Key Vault is not configured (local and emulator runs).</summary>
    public string? ClientId { get; set; }

    /// <summary>Used when Key Vault is not configured (local and emulator runs).</summary>
    public string? ClientSecret { get; set; }

    [Range(1, 500)] public int PageSize { get; set; } = 50;

    /// <summary>Requests per second this process allows itself against the tenant (token, listing, reads and changes together).</summary>
    [Range(0.1, 10_000)] public double RequestsPerSecond { get; set; } = 100;

    /// <summary>How many requests may go at once after a quiet spell; kept small so a burst never crosses the tenant's limit (at most half a second's worth is used).</summary>
    [Range(1, 10_000)] public int Burst { get; set; } = 10;

    /// <summary>How many listing pages are read at once after the first.</summary>
    [Range(1, 64)] public int ListingConcurrency { get; set; } = 16;

    /// <summary>One attempt's limit; a slower answer counts as a transient failure.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>All attempts of one call together, waits included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    [Range(0, 10)] public int MaxRetries { get; set; } = 4;

    /// <summary>Refresh a token this long before it expires (the customer asked for 300 s).</summary>
    public TimeSpan TokenRefreshBuffer { get; set; } = TimeSpan.FromSeconds(300);

    public Uri BaseUri => new(BaseUrl.TrimEnd('/') + "/");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            yield return new ValidationResult($"Cxone:BaseUrl must be an absolute http(s) URL, got '{BaseUrl}'.", [nameof(BaseUrl)]);
        else if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            yield return new ValidationResult("Cxone:BaseUrl must not carry a query or fragment.", [nameof(BaseUrl)]);
        if (AttemptTimeout <= TimeSpan.Zero)
            yield return new ValidationResult("Cxone:AttemptTimeout must be positive.", [nameof(AttemptTimeout)]);
        if (TotalTimeout < AttemptTimeout)
            yield return new ValidationResult("Cxone:TotalTimeout must be at least Cxone:AttemptTimeout.", [nameof(TotalTimeout)]);
        if (TokenRefreshBuffer < TimeSpan.Zero)
            yield return new ValidationResult("Cxone:TokenRefreshBuffer must not be negative.", [nameof(TokenRefreshBuffer)]);
    }
}
