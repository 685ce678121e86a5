namespace WeatherCampaign.Core.Platforms.GenesysCloud;

/// <summary>
/// The <c>GenesysCloud</c> section: which Genesys Cloud region (or explicit hosts), the OAuth client, and how hard we may
/// use the org (checked by <see cref="GenesysCloudOptionsValidator"/>).
/// </summary>
public sealed class GenesysCloudOptions
{
    public const string Section = "GenesysCloud";

    /// <summary>The org's region, e.g. <c>mypurecloud.com</c> or <c>usw2.pure.cloud</c>: login at <c>https://login.{region}</c>, API at <c>https://api.{region}</c>.</summary>
    public string? Region { get; set; }

    /// <summary>Instead of <see cref="Region"/>, with <see cref="ApiUrl"/>: the login host (tests and the simulator); http only on loopback.</summary>
    public string? LoginUrl { get; set; }

    /// <summary>Instead of <see cref="Region"/>, with <see cref="LoginUrl"/>: the API host; http only on loopback.</summary>
    public string? ApiUrl { get; set; }

    /// <summary>Used when Key Vault is not configured (local and simulator runs).</summary>
    public string? ClientId { get; set; }

    /// <summary>Used when Key Vault is not configured (local and simulator runs).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The vault secret holding the client id, when <c>KeyVault:Uri</c> is set.</summary>
    public string ClientIdSecretName { get; set; } = "genesys-client-id";

    /// <summary>The vault secret holding the client secret, when <c>KeyVault:Uri</c> is set.</summary>
    public string ClientSecretSecretName { get; set; } = "genesys-client-secret";

    /// <summary>Listing page size; Genesys Cloud allows at most 100.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Requests per second this process allows itself: Genesys publishes 300 per minute per OAuth client.</summary>
    public double RequestsPerSecond { get; set; } = 5;

    /// <summary>How many requests may go at once after a quiet spell (at most half a second's worth is used).</summary>
    public int Burst { get; set; } = 2;

    /// <summary>Whether the pace learns the tenant's real limit from 429s and rate-limit headers, starting at <see cref="RequestsPerSecond"/> and never above it.</summary>
    public bool AdaptivePacing { get; set; } = true;

    /// <summary>The slowest pace learning may reach.</summary>
    public double MinimumRequestsPerSecond { get; set; } = 0.5;

    /// <summary>How many listing pages are read at once after the first.</summary>
    public int ListingConcurrency { get; set; } = 2;

    /// <summary>One attempt's limit; a slower answer counts as a transient failure.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>All attempts of one call together, waits included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public int MaxRetries { get; set; } = 4;

    /// <summary>Refresh a token this long before it expires (capped at half its lifetime).</summary>
    public TimeSpan TokenRefreshBuffer { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Also take region codes from the campaign's division name (a division named <c>US-FL</c>, <c>NY, NJ</c> or <c>Gulf [US-FL, US-AL]</c>).</summary>
    public bool RegionFromDivision { get; set; }

    /// <summary>How many times one change reads the campaign again after a version conflict before it gives up for now (the message is retried later).</summary>
    public int MaxVersionConflicts { get; set; } = 3;

    /// <summary>How many listed campaign bodies are kept to PUT from without reading them again; beyond it a change reads first.</summary>
    public int CachedCampaigns { get; set; } = 10_000;

    /// <summary>Read each campaign just before changing it, even when the listing holds its body (one more request per change).</summary>
    public bool ReadBeforeChange { get; set; }

    /// <summary>The login host with a trailing slash: from <see cref="Region"/>, else <see cref="LoginUrl"/>.</summary>
    public Uri LoginUri => HostUri("login", LoginUrl);

    /// <summary>The API host with a trailing slash: from <see cref="Region"/>, else <see cref="ApiUrl"/>.</summary>
    public Uri ApiUri => HostUri("api", ApiUrl);

    private Uri HostUri(string prefix, string? explicitUrl) => string.IsNullOrWhiteSpace(Region)
        ? new Uri((explicitUrl ?? "").TrimEnd('/') + "/")
        : new Uri($"https://{prefix}.{Region.Trim().Trim('.')}/");
}
