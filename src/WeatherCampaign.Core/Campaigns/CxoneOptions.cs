namespace WeatherCampaign.Core.Campaigns;

/// <summary>The <c>Cxone</c> section: where the campaign API is and how hard we may use it (checked by <see cref="CxoneOptionsValidator"/>).</summary>
public sealed class CxoneOptions
{
    public const string Section = "Cxone";

    /// <summary>The tenant base URL, e.g. <c>https://acme.niceincontact.com</c>.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>Used when Key Vault is not configured (local and emulator runs).</summary>
    public string? ClientId { get; set; }

    /// <summary>Used when Key Vault is not configured (local and emulator runs).</summary>
    public string? ClientSecret { get; set; }

    public int PageSize { get; set; } = 50;

    /// <summary>Requests per second this process allows itself against the tenant (token, listing, reads and changes together).</summary>
    public double RequestsPerSecond { get; set; } = 100;

    /// <summary>How many requests may go at once after a quiet spell; kept small so a burst never crosses the tenant's limit (at most half a second's worth is used).</summary>
    public int Burst { get; set; } = 10;

    /// <summary>Whether the pace learns the tenant's real limit from 429s and rate-limit headers, starting at <see cref="RequestsPerSecond"/> and never above it.</summary>
    public bool AdaptivePacing { get; set; } = true;

    /// <summary>The slowest pace learning may reach.</summary>
    public double MinimumRequestsPerSecond { get; set; } = 0.5;

    /// <summary>How many listing pages are read at once after the first.</summary>
    public int ListingConcurrency { get; set; } = 16;

    /// <summary>One attempt's limit; a slower answer counts as a transient failure.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>All attempts of one call together, waits included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public int MaxRetries { get; set; } = 4;

    /// <summary>Refresh a token this long before it expires, so no call meets an expired token; <see cref="CxoneTokenProvider"/> caps it at half the token's lifetime.</summary>
    public TimeSpan TokenRefreshBuffer { get; set; } = TimeSpan.FromSeconds(300);

    public Uri BaseUri => new(BaseUrl.TrimEnd('/') + "/");
}
