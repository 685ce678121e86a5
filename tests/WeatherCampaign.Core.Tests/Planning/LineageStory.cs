using WeatherCampaign.Core.Alerts;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Planning;
using WeatherCampaign.Core.Regions;

namespace WeatherCampaign.Core.Tests.Planning;

/// <summary>
/// One campaign over many cycles, the planner's plans carried out as the handlers would: the cycle's hold changes are written,
/// a pause makes the hold the apply handler makes (<see cref="WeatherHold.StartPausing"/>, then held), a resume releases it.
/// A person can resume the campaign between cycles. Each cycle's feed is given whole, as NWS lists only what is active.
/// </summary>
internal sealed class LineageStory
{
    private readonly InterventionPlanner _planner = new(RegionCatalog.Create(new Dictionary<string, IReadOnlyList<string>>()));
    private readonly List<FeedOutcome> _feeds = [new("nws", true, 0), new("nws-east", true, 0, Source: "nws"), new("other", true, 0)];
    private int _cycle;

    public DateTimeOffset Now { get; private set; } = PlanningScenario.Now;
    public CampaignStatus Status { get; private set; } = CampaignStatus.Running;
    public WeatherHold? Hold { get; private set; }
    public PolicyOptions Policy { get; } = new();

    /// <summary>Every plan the story ran, in order.</summary>
    public List<Plan> Plans { get; } = [];

    public static WeatherAlert Alert(string id, string @event = "Tropical Storm Warning", AlertSeverity severity = AlertSeverity.Severe,
        string[]? references = null, AlertMessageType type = AlertMessageType.Update, string feed = "nws") => new()
        {
            Id = id,
            Feed = feed,
            Event = @event,
            Severity = severity,
            Urgency = AlertUrgency.Immediate,
            Certainty = AlertCertainty.Observed,
            MessageType = references is null ? AlertMessageType.Alert : type,
            Onset = PlanningScenario.Now.AddHours(-1),
            Expires = PlanningScenario.Now.AddDays(3),
            Geocodes = [new AlertGeocode("UGC", "FLZ172")],
            References = references ?? [],
        };

    /// <summary>Runs a cycle <paramref name="minutesLater"/> after the last, on exactly these alerts; carries out its plan.</summary>
    public CampaignDecision Cycle(int minutesLater, params WeatherAlert[] alerts)
    {
        Now = Now.AddMinutes(minutesLater);
        var campaign = new Campaign("c1", "Florida c1", Status, Status.ToString().ToLowerInvariant(), ["US-FL"], new Dictionary<string, string>());
        var plan = _planner.Plan(
            new PlanningInput($"cycle-{++_cycle}", new AlertSnapshot(alerts, _feeds), new CampaignListing([campaign], 1, Now), Hold is null ? [] : [Hold]),
            Policy, Now);
        Plans.Add(plan);
        foreach (var change in plan.HoldChanges)
        {
            Hold = change.Hold;
        }

        foreach (var intervention in plan.Interventions)
        {
            if (intervention.Action == InterventionAction.Pause)
            {
                var reason = intervention.Reason;
                Hold = WeatherHold.StartPausing(Hold, "c1", "Florida c1", intervention.Id, reason.AlertIds, reason.Events, reason.Regions, reason.Severity, Now, Now).Held(Now);
                Status = CampaignStatus.Paused;
            }
            else
            {
                Hold = Hold!.StartResuming(intervention.Id, Now).Released(Now);
                Status = CampaignStatus.Running;
            }
        }

        return plan.Decisions.Single();
    }

    public void PersonResumes() => Status = CampaignStatus.Running;
}
