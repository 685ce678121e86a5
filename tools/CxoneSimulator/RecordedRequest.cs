namespace CxoneSimulator;

/// <summary>Which simulator endpoint a request reached.</summary>
public enum SimulatorEndpoint
{
    Unmatched, Token, ListCampaigns, GetCampaign, PatchCampaign, Feed, Control,

    /// <summary>The Genesys Cloud org (<c>Genesys/</c>): its login host and outbound campaigns.</summary>
    GenesysToken, GenesysListCampaigns, GenesysGetCampaign, GenesysPutCampaign,

    /// <summary>The CXone Admin API (<c>CxoneAdmin/</c>): its auth host, discovery and skills.</summary>
    CxoneAdminToken, CxoneAdminDiscovery, ListSkills, GetSkill, StopSkill, StartSkill,
}

/// <summary>
/// One request as received. <paramref name="RawTarget"/> is the request target exactly as sent (path and query,
/// still escaped, dot segments kept). Token values are never recorded, only whether a header was present.
/// </summary>
public sealed record RecordedRequest(
    DateTimeOffset Timestamp,
    string Method,
    string RawTarget,
    int StatusCode,
    bool HadAuthorization,
    SimulatorEndpoint Endpoint)
{
    /// <summary>The status recorded when the client left before any answer (nginx's convention).</summary>
    public const int ClientClosedRequest = 499;
}

/// <summary>What one weather feed has served.</summary>
public sealed record FeedStatistics(int Requests, int NotModified, string? LastUserAgent);

/// <summary>A snapshot of the simulator's counters, as <c>GET /_sim/stats</c> answers it.</summary>
public sealed record SimulatorStats(
    int TokensIssued,
    int PatchCount,
    int StatusChanges,
    int TooManyRequestsCount,
    int RequestsMissingAccept,
    int CampaignCount,
    IReadOnlyDictionary<SimulatorEndpoint, int> RequestsByEndpoint,
    IReadOnlyDictionary<string, FeedStatistics> Feeds);
