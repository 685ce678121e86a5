namespace WeatherCampaign.Core.Platforms;

/// <summary>The <c>Platform</c> section: which dialing platform the service drives (checked by <see cref="PlatformOptionsValidator"/>).</summary>
public sealed class PlatformOptions
{
    public const string Section = "Platform";

    /// <summary>The customer's CXone campaign API (<c>Cxone:*</c> settings).</summary>
    public const string CxoneCampaigns = "cxone-campaigns";

    /// <summary>Genesys Cloud outbound campaigns (<c>GenesysCloud:*</c> settings).</summary>
    public const string GenesysCloud = "genesys-cloud";

    /// <summary>NICE CXone's Personal Connection skills through the Admin API (<c>CxoneAdmin:*</c> settings).</summary>
    public const string CxoneSkills = "cxone-skills";

    /// <summary>Every kind the service can drive; each is chosen at start-up and switches the whole service.</summary>
    public static readonly IReadOnlyList<string> Kinds = [CxoneCampaigns, GenesysCloud, CxoneSkills];

    /// <summary>One of <see cref="Kinds"/>; the customer's contract unless told otherwise.</summary>
    public string Kind { get; set; } = CxoneCampaigns;
}
