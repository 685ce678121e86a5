using System.Collections.Concurrent;
using System.Text.Json.Serialization;

namespace CxoneSimulator;

/// <summary>How a 429 answer carries <c>Retry-After</c>.</summary>
public enum RetryAfterMode { Seconds, HttpDate, None }

/// <summary>What a weather feed answers instead of its body.</summary>
public enum FeedFault { None, ServerError, Html, Truncated, Empty, ErrorDocument, ProblemDocument }

/// <summary>
/// Failure injection, settable at any time, all off by default. Tenant faults (rate limit, failures, hangs,
/// revocation) apply to the token and <c>/api</c> requests; feeds have <see cref="FeedFaults"/>; latency applies
/// to both. Control requests under <c>/_sim/</c> are never affected. Counted faults are used up as they fire.
/// </summary>
public sealed class SimulatorFaults
{
    private readonly Lock _gate = new();
    private int _failNextRequests;
    private int _hangNextRequests;
    private int _revokeTokensAfterRequests;
    private int _authorizedSinceArmed;
    private int _growListingAfterPage;

    /// <summary>Added to every campaign API (token, listing, read, status change) and feed request, not to control requests (real time, cancelled with the request).</summary>
    public int LatencyMs { get; set; }

    /// <summary>A random 0..N milliseconds added on top of <see cref="LatencyMs"/>.</summary>
    public int LatencyJitterMs { get; set; }

    /// <summary>Token-bucket refill rate over all tenant requests; 0 = unlimited.</summary>
    public double RequestsPerSecond { get; set; }

    /// <summary>Bucket size; 0 = the same as <see cref="RequestsPerSecond"/> (at least 1).</summary>
    public int Burst { get; set; }

    public RetryAfterMode RetryAfterMode { get; set; } = RetryAfterMode.Seconds;

    /// <summary>The next N matching tenant requests answer <see cref="FailStatusCode"/>.</summary>
    public int FailNextRequests
    {
        get => Volatile.Read(ref _failNextRequests);
        set => Volatile.Write(ref _failNextRequests, Math.Max(0, value));
    }

    public int FailStatusCode { get; set; } = 503;

    /// <summary>When set, failures match any request (feeds too) whose raw path and query contain this text.</summary>
    public string? FailPathContains { get; set; }

    /// <summary>The tenant is down for good: every matching tenant request answers <see cref="FailStatusCode"/>.</summary>
    public bool FailAllRequests { get; set; }

    public int HangMs { get; set; }

    /// <summary>The next N tenant requests are answered <see cref="HangMs"/> late.</summary>
    public int HangNextRequests
    {
        get => Volatile.Read(ref _hangNextRequests);
        set => Volatile.Write(ref _hangNextRequests, Math.Max(0, value));
    }

    /// <summary>True: the change is applied, then the answer waits (as a real slow server). False: wait first, and apply nothing if the client has gone.</summary>
    public bool ApplyThenHang { get; set; } = true;

    /// <summary>That listing page answers 500 until cleared; 0 = off.</summary>
    public int FailListingPage { get; set; }

    /// <summary>After serving that listing page once, <see cref="GrowBy"/> running campaigns are added; 0 = off.</summary>
    public int GrowListingAfterPage
    {
        get => Volatile.Read(ref _growListingAfterPage);
        set => Volatile.Write(ref _growListingAfterPage, Math.Max(0, value));
    }

    public int GrowBy { get; set; }

    /// <summary>Once, after this many authorized <c>/api</c> requests, every token is revoked; 0 = off.</summary>
    public int RevokeTokensAfterRequests
    {
        get => Volatile.Read(ref _revokeTokensAfterRequests);
        set
        {
            lock (_gate)
            {
                _revokeTokensAfterRequests = Math.Max(0, value);
                _authorizedSinceArmed = 0;
            }
        }
    }

    public ConcurrentDictionary<string, FeedFault> FeedFaults { get; set; } = new(StringComparer.Ordinal);

    [JsonIgnore]
    internal int EffectiveBurst => Burst > 0 ? Burst : Math.Max(1, (int)Math.Ceiling(RequestsPerSecond));

    /// <summary>Turns every fault off.</summary>
    public void Reset() => CopyFrom(new SimulatorFaults());

    /// <summary>Replaces every setting with the other's (the control endpoint's PUT semantics).</summary>
    public void CopyFrom(SimulatorFaults other)
    {
        LatencyMs = other.LatencyMs;
        LatencyJitterMs = other.LatencyJitterMs;
        RequestsPerSecond = other.RequestsPerSecond;
        Burst = other.Burst;
        RetryAfterMode = other.RetryAfterMode;
        FailNextRequests = other.FailNextRequests;
        FailStatusCode = other.FailStatusCode;
        FailPathContains = other.FailPathContains;
        FailAllRequests = other.FailAllRequests;
        HangMs = other.HangMs;
        HangNextRequests = other.HangNextRequests;
        ApplyThenHang = other.ApplyThenHang;
        FailListingPage = other.FailListingPage;
        GrowListingAfterPage = other.GrowListingAfterPage;
        GrowBy = other.GrowBy;
        RevokeTokensAfterRequests = other.RevokeTokensAfterRequests;
        FeedFaults = new ConcurrentDictionary<string, FeedFault>(other.FeedFaults, StringComparer.Ordinal);
    }

    public void SetFeedFault(string feed, FeedFault fault) => FeedFaults[feed] = fault;

    internal FeedFault FeedFaultFor(string feed) => FeedFaults.GetValueOrDefault(feed, FeedFault.None);

    /// <summary>Whether the request should fail now; a counted failure is used up only by a request it matches.</summary>
    internal bool TryTakeFailure(string rawTarget, bool isTenantRequest)
    {
        var filter = FailPathContains;
        var matches = string.IsNullOrEmpty(filter) ? isTenantRequest : rawTarget.Contains(filter, StringComparison.Ordinal);
        if (!matches)
        {
            return false;
        }

        return FailAllRequests || TryDecrement(ref _failNextRequests);
    }

    internal bool TryTakeHang() => HangMs > 0 && TryDecrement(ref _hangNextRequests);

    internal bool TryTakeListingGrowth(int servedPage)
    {
        var armed = GrowListingAfterPage;
        return armed > 0 && armed == servedPage && Interlocked.CompareExchange(ref _growListingAfterPage, 0, armed) == armed;
    }

    /// <summary>Counts one authorized request; true exactly once, when the revocation threshold is reached.</summary>
    internal bool CountAuthorizedRequest()
    {
        lock (_gate)
        {
            if (_revokeTokensAfterRequests == 0 || ++_authorizedSinceArmed < _revokeTokensAfterRequests)
            {
                return false;
            }

            _revokeTokensAfterRequests = 0;
            _authorizedSinceArmed = 0;
            return true;
        }
    }

    private static bool TryDecrement(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }
}
