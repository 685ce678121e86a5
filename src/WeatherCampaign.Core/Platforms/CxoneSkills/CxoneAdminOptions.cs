namespace WeatherCampaign.Core.Platforms.CxoneSkills;

/// <summary>
/// The <c>CxoneAdmin</c> section: NICE CXone's Admin API, where Personal Connection skills are stopped and started
/// (<c>Platform:Kind</c> <c>cxone-skills</c>; checked by <see cref="CxoneAdminOptionsValidator"/>).
/// </summary>
public sealed class CxoneAdminOptions
{
    public const string Section = "CxoneAdmin";

    /// <summary>The auth host: the token endpoint and discovery live under it (FedRAMP tenants use <c>https://cxone-gov.niceincontact.com</c>).</summary>
    public string AuthUrl { get; set; } = "https://cxone.niceincontact.com";

    /// <summary>The registered application's client id; used when Key Vault is not configured.</summary>
    public string? ClientId { get; set; }

    /// <summary>Used when Key Vault is not configured.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The CXone user's access key id (the password grant's username); used when Key Vault is not configured.</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>Used when Key Vault is not configured.</summary>
    public string? AccessKeySecret { get; set; }

    /// <summary>Vault secret names, used when <c>KeyVault:Uri</c> is set.</summary>
    public string ClientIdSecretName { get; set; } = "cxone-admin-client-id";

    public string ClientSecretSecretName { get; set; } = "cxone-admin-client-secret";

    public string AccessKeyIdSecretName { get; set; } = "cxone-admin-access-key-id";

    public string AccessKeySecretSecretName { get; set; } = "cxone-admin-access-key-secret";

    /// <summary>Lets discovery name a loopback <c>http</c> API host: tests, the simulator and the demo only.</summary>
    public bool AllowLoopbackEndpoints { get; set; }

    /// <summary>The Admin API version in <c>/inContactAPI/services/{ApiVersion}/</c>.</summary>
    public string ApiVersion { get; set; } = "v30.0";

    /// <summary>Skills per listing page (<c>top</c>); the API serves at most 100.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>
    /// NICE publishes no Admin API limit, so the pace is conservative: 5 a second still stops 100 skills in about 20 s,
    /// and a 429 (with or without Retry-After) slows the pipeline further.
    /// </summary>
    public double RequestsPerSecond { get; set; } = 5;

    /// <summary>Requests that may go at once after a quiet spell (at most half a second's worth is used).</summary>
    public int Burst { get; set; } = 2;

    /// <summary>Whether the pace learns the tenant's real limit from 429s and rate-limit headers, starting at <see cref="RequestsPerSecond"/> and never above it.</summary>
    public bool AdaptivePacing { get; set; } = true;

    /// <summary>The slowest pace learning may reach.</summary>
    public double MinimumRequestsPerSecond { get; set; } = 0.5;

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public int MaxRetries { get; set; } = 4;

    /// <summary>Refresh a token this long before it expires, capped at half its lifetime.</summary>
    public TimeSpan TokenRefreshBuffer { get; set; } = TimeSpan.FromSeconds(300);

    public Uri AuthUri => new(AuthUrl.TrimEnd('/') + "/");
}
