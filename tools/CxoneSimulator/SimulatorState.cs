using System.Text;

namespace CxoneSimulator;

/// <summary>
/// Everything the simulator knows, shared by its endpoints and by tests in the same process. Thread-safe.
/// Clocks (token expiry, the rate bucket, Last-Modified, log timestamps) follow <see cref="TimeProvider"/>;
/// injected delays (latency, hangs) are real time because they exist to meet real client timeouts.
/// </summary>
public sealed class SimulatorState
{
    private const int RequestLogCapacity = 100_000;

    private readonly CampaignBook _campaigns = new();
    private readonly TokenAuthority _tokens;
    private readonly FeedLibrary _feeds;
    private readonly Lock _logGate = new();
    private readonly Queue<RecordedRequest> _requests = new();
    private readonly int[] _requestsByEndpoint = new int[Enum.GetValues<SimulatorEndpoint>().Length];
    private int _tokensIssued;
    private int _patchCount;
    private int _statusChanges;
    private int _tooManyRequests;
    private int _missingAccept;
    private int _inFlight;

    public SimulatorState(SimulatorSeed seed, TimeProvider? timeProvider = null)
    {
        TimeProvider = timeProvider ?? TimeProvider.System;
        _tokens = new TokenAuthority(TimeProvider, seed.Clients, TimeSpan.FromSeconds(seed.TokenLifetimeSeconds));
        _feeds = new FeedLibrary(TimeProvider);
        Bucket = new RequestBucket(TimeProvider);
        Genesys = new Genesys.GenesysOrg(TimeProvider);
        CxoneAdmin = new CxoneAdmin.CxoneAdminState(TimeProvider);
        Webhooks = new Webhooks.WebhookInbox(TimeProvider);
        _campaigns.Replace(seed.Campaigns);
        foreach (var (name, feed) in seed.Feeds)
        {
            var body = feed.File is null ? Encoding.UTF8.GetBytes(feed.Body ?? string.Empty) : File.ReadAllBytes(feed.File);
            _feeds.Set(name, body, feed.ContentType);
        }
    }

    public TimeProvider TimeProvider { get; }

    public SimulatorFaults Faults { get; } = new();

    /// <summary>The simulated Genesys Cloud org (<c>Genesys/</c>), beside the CXone tenant; it shares the clients, tokens and faults.</summary>
    public Genesys.GenesysOrg Genesys { get; }

    /// <summary>FEMA's disaster declarations (<c>OpenFema/</c>), served as OpenFEMA's OData API.</summary>
    public OpenFema.OpenFemaDataset OpenFema { get; } = new();

    /// <summary>The NICE CXone Admin API tenant (<c>/cxone-auth</c>, <c>/cxone-api</c>).</summary>
    public CxoneAdmin.CxoneAdminState CxoneAdmin { get; }

    /// <summary>Chat webhooks (<c>/webhooks/{name}</c>) recording the service's notices.</summary>
    public Webhooks.WebhookInbox Webhooks { get; }

    /// <summary>The lifetime given to tokens issued from now on.</summary>
    public TimeSpan TokenLifetime
    {
        get => _tokens.Lifetime;
        set => _tokens.Lifetime = value;
    }

    /// <summary>A snapshot of every campaign, ordered by id.</summary>
    public IReadOnlyList<CampaignEntity> Campaigns => _campaigns.Snapshot();

    public CampaignEntity? Get(string id) => _campaigns.Get(id);

    /// <summary>Changes a status as a person would in the admin console: any value, no transition rules, not counted.</summary>
    public CampaignEntity? SetStatusAsPerson(string id, string status) => _campaigns.SetStatus(id, status);

    public bool Delete(string id) => _campaigns.Delete(id);

    public void Upsert(CampaignEntity campaign) => _campaigns.Upsert(campaign);

    /// <summary>Replaces every campaign.</summary>
    public void Seed(IEnumerable<CampaignEntity> campaigns) => _campaigns.Replace(campaigns);

    public void SetFeed(string name, byte[] body, string contentType) => _feeds.Set(name, body, contentType);

    public void SetFeed(string name, string body, string contentType) => _feeds.Set(name, body, contentType);

    public bool ClearFeed(string name) => _feeds.Clear(name);

    public FeedStatistics GetFeedStatistics(string name) => _feeds.Statistics(name);

    /// <summary>What the named feeds served together (an index feed and its documents): the requests, the 304s among them.</summary>
    public FeedStatistics GetFeedStatistics(IEnumerable<string> names) =>
        names.Select(_feeds.Statistics).Aggregate(new FeedStatistics(0, 0, null), (sum, s) => new FeedStatistics(sum.Requests + s.Requests, sum.NotModified + s.NotModified, s.LastUserAgent ?? sum.LastUserAgent));

    /// <summary>
    /// Serves an ATOM or RSS index of CAP documents under <c>/feeds/{name}</c>; each entry links to another feed the simulator serves
    /// (set it with <see cref="SetFeed(string, string, string)"/>; one never set is a missing document, 404) or to an absolute URL.
    /// </summary>
    public void SetIndexFeed(string name, IndexFeedKind kind, IEnumerable<IndexFeedEntry> entries) =>
        _feeds.Set(name, IndexFeed.Write(kind, name, entries, TimeProvider.GetUtcNow()), IndexFeed.ContentType(kind));

    public bool SetClientSecret(string clientId, string newSecret) => _tokens.SetClientSecret(clientId, newSecret);

    public void AddClient(SeedClient client) => _tokens.UpsertClient(client);

    public void RevokeAllTokens()
    {
        _tokens.RevokeAll();
        CxoneAdmin.RevokeAllTokens();
    }

    /// <summary>Every non-control request received (oldest first; the oldest are dropped past 100,000).</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_logGate)
            {
                return [.. _requests];
            }
        }
    }

    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>Authorized PATCH requests that reached the campaign, whatever they answered.</summary>
    public int PatchCount => Volatile.Read(ref _patchCount);

    /// <summary>Status transitions actually applied through the API.</summary>
    public int StatusChanges => Volatile.Read(ref _statusChanges);

    public int TooManyRequestsCount => Volatile.Read(ref _tooManyRequests);

    /// <summary>Non-control requests received and not yet answered or abandoned: the ones a fault is holding.</summary>
    public int RequestsInFlight => Volatile.Read(ref _inFlight);

    /// <summary>/api requests sent without <c>Accept: application/json</c>.</summary>
    public int RequestsMissingAccept => Volatile.Read(ref _missingAccept);

    public int CountFor(SimulatorEndpoint endpoint) => Volatile.Read(ref _requestsByEndpoint[(int)endpoint]);

    public SimulatorStats GetStats() => new(
        TokensIssued,
        PatchCount,
        StatusChanges,
        TooManyRequestsCount,
        RequestsMissingAccept,
        _campaigns.Count,
        Enum.GetValues<SimulatorEndpoint>().Where(e => e != SimulatorEndpoint.Control).ToDictionary(e => e, CountFor),
        _feeds.AllStatistics());

    public void ResetCounters()
    {
        Interlocked.Exchange(ref _tokensIssued, 0);
        Interlocked.Exchange(ref _patchCount, 0);
        Interlocked.Exchange(ref _statusChanges, 0);
        Interlocked.Exchange(ref _tooManyRequests, 0);
        Interlocked.Exchange(ref _missingAccept, 0);
        for (var i = 0; i < _requestsByEndpoint.Length; i++)
        {
            Interlocked.Exchange(ref _requestsByEndpoint[i], 0);
        }

        _feeds.ResetStatistics();
        CxoneAdmin.ResetCounters();
    }

    public void ClearRequests()
    {
        lock (_logGate)
        {
            _requests.Clear();
        }
    }

    internal CampaignBook CampaignBook => _campaigns;

    internal TokenAuthority TokenAuthority => _tokens;

    internal FeedLibrary FeedLibrary => _feeds;

    internal RequestBucket Bucket { get; }

    /// <summary>Counts a request in flight until its <see cref="Record"/>; the time it arrived.</summary>
    internal DateTimeOffset Arrive()
    {
        Interlocked.Increment(ref _inFlight);
        return TimeProvider.GetUtcNow();
    }

    internal void Record(RecordedRequest request)
    {
        Interlocked.Decrement(ref _inFlight);
        Interlocked.Increment(ref _requestsByEndpoint[(int)request.Endpoint]);
        lock (_logGate)
        {
            _requests.Enqueue(request);
            if (_requests.Count > RequestLogCapacity)
            {
                _requests.Dequeue();
            }
        }
    }

    internal void CountTokenIssued() => Interlocked.Increment(ref _tokensIssued);

    internal void CountPatch(bool applied)
    {
        Interlocked.Increment(ref _patchCount);
        if (applied)
        {
            Interlocked.Increment(ref _statusChanges);
        }
    }

    internal void CountTooManyRequests() => Interlocked.Increment(ref _tooManyRequests);

    internal void CountMissingAccept() => Interlocked.Increment(ref _missingAccept);
}
