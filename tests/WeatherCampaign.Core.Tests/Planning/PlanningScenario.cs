using Microsoft.Extensions.Configuration;
using WeatherCampaign.Core.Alerts;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Planning;
using WeatherCampaign.Core.Regions;

namespace WeatherCampaign.Core.Tests.Planning;

/// <summary>Builds planner inputs that read like the situation they describe.</summary>
internal sealed class PlanningScenario
{
    public static readonly DateTimeOffset Now = new(2026, 9, 10, 18, 0, 0, TimeSpan.Zero);

    private readonly List<WeatherAlert> _alerts = [];
    private readonly List<Campaign> _campaigns = [];
    private readonly List<WeatherHold> _holds = [];
    private readonly List<FeedOutcome> _feeds = [new("nws", true, 0)];
    private bool _listingFailed;

    public PolicyOptions Policy { get; } = new();

    public RegionCatalog Catalog { get; set; } = RegionCatalog.Create(new Dictionary<string, IReadOnlyList<string>>
    {
        ["US-NE"] = ["NY", "NJ", "PA", "CT", "RI", "MA", "VT", "NH", "ME"],
    });

    public PlanningScenario Alert(string id, string ugc, AlertSeverity severity = AlertSeverity.Severe, string @event = "Hurricane Warning",
        AlertMessageType type = AlertMessageType.Alert, AlertStatus status = AlertStatus.Actual, DateTimeOffset? ends = null,
        DateTimeOffset? onset = null, string[]? references = null, AlertUrgency urgency = AlertUrgency.Immediate, AlertCertainty certainty = AlertCertainty.Observed,
        string feed = "nws")
    {
        _alerts.Add(new WeatherAlert
        {
            Id = id,
            Feed = feed,
            Event = @event,
            Severity = severity,
            Urgency = urgency,
            Certainty = certainty,
            Status = status,
            MessageType = type,
            Onset = onset ?? Now.AddHours(-1),
            Expires = Now.AddHours(6),
            Ends = ends,
            Geocodes = [new AlertGeocode("UGC", ugc)],
            References = references ?? [],
        });
        return this;
    }

    /// <summary>An alert built by the test itself (a disaster declaration, say).</summary>
    public PlanningScenario With(WeatherAlert alert) { _alerts.Add(alert); return this; }

    public PlanningScenario Campaign(string id, CampaignStatus status, string region, string? rawStatus = null, Dictionary<string, string>? attributes = null)
    {
        _campaigns.Add(new Campaign(id, "Campaign " + id, status, rawStatus ?? status.ToString().ToLowerInvariant(),
            region.Split(',', StringSplitOptions.TrimEntries), attributes ?? []));
        return this;
    }

    public PlanningScenario Hold(string campaignId, HoldState state, DateTimeOffset? lastAffected = null, string[]? alertIds = null,
        string[]? suppressed = null, string? manualReason = null, LineageEntry[]? lineage = null, string? severity = null)
    {
        _holds.Add(new WeatherHold
        {
            CampaignId = campaignId,
            CampaignName = "Campaign " + campaignId,
            State = state,
            AlertIds = alertIds ?? ["A1"],
            Events = ["Hurricane Warning"],
            PausedAt = Now.AddHours(-5),
            LastAffectedAt = lastAffected ?? Now.AddHours(-2),
            UpdatedAt = Now.AddHours(-2),
            SuppressedAlertIds = suppressed ?? [],
            ManualHoldReason = manualReason,
            Lineage = lineage ?? [],
            Severity = severity,
            Version = "W/\"1\"",
        });
        return this;
    }

    /// <summary>A hold the service paused at <paramref name="pausedAt"/> that has been clear since <paramref name="clearSince"/>.</summary>
    public PlanningScenario ClearHold(string campaignId, DateTimeOffset pausedAt, DateTimeOffset clearSince, string[]? regions = null,
        string[]? events = null, Dictionary<string, DateTimeOffset>? eventEnds = null, string? heldBy = null, DateTimeOffset? heldUntil = null)
    {
        _holds.Add(new WeatherHold
        {
            CampaignId = campaignId,
            CampaignName = "Campaign " + campaignId,
            State = HoldState.Held,
            AlertIds = ["A1"],
            Events = events ?? ["Hurricane Warning"],
            Regions = regions ?? ["STATE:FL"],
            PausedAt = pausedAt,
            LastAffectedAt = clearSince,
            UpdatedAt = clearSince,
            EventEnds = eventEnds ?? [],
            ResumeHeldBy = heldBy,
            ResumeHeldUntil = heldUntil,
            Version = "W/\"1\"",
        });
        return this;
    }

    /// <summary>Binds <c>Policy</c> settings the way the service does (<c>ResumeNotBefore=09:00</c>, <c>States:OR:MinimumHold=1.00:00:00</c>), separated by <c>;</c>.</summary>
    public PlanningScenario Settings(string settings)
    {
        var pairs = settings.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => new KeyValuePair<string, string?>("Policy:" + p[0].Trim(), p[1].Trim()));
        new ConfigurationBuilder().AddInMemoryCollection(pairs).Build().GetSection("Policy").Bind(Policy);
        return this;
    }

    public PlanningScenario FeedFailed(string name = "nws", string error = "HTTP 503")
    {
        _feeds.RemoveAll(f => f.Feed == name);
        _feeds.Add(new FeedOutcome(name, false, 0, error));
        return this;
    }

    public PlanningScenario SecondFeed(string name = "cap", string? source = null) { _feeds.Add(new FeedOutcome(name, true, 0, Source: source)); return this; }

    public PlanningScenario ListingFailed() { _listingFailed = true; return this; }

    public Plan Plan(DateTimeOffset? now = null, bool approve = false)
    {
        var plan = new InterventionPlanner(Catalog).Plan(
            new PlanningInput("cycle-1", new AlertSnapshot(_alerts, _feeds),
                _listingFailed ? null : new CampaignListing(_campaigns, 1, Now), _holds, _listingFailed ? "page 2 of 3 answered 500" : null),
            Policy, now ?? Now);
        return approve ? plan.Approve("the test") : plan;
    }
}
