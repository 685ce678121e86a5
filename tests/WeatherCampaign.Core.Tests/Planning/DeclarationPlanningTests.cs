using System.Collections.Frozen;
using WeatherCampaign.Core.Alerts;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Planning;
using WeatherCampaign.Core.Storage;
using static WeatherCampaign.Core.Tests.Planning.PlanningScenario;

namespace WeatherCampaign.Core.Tests.Planning;

/// <summary>Rule 1 for FEMA disaster declarations: they count by their types, from the incident's begin to its end plus the hold days.</summary>
[TestClass]
public sealed class DeclarationPlanningTests
{
    private static WeatherAlert Declaration(string id = "DR-4834-FL", string county = "012103", DateTimeOffset? begin = null, DateTimeOffset? end = null,
        bool open = false, string incidentType = "Hurricane") => new()
        {
            Id = id,
            Feed = "fema",
            Kind = AlertKind.Declaration,
            Event = $"{incidentType} ({id[..2]})",
            Onset = begin ?? Now.AddDays(-10),
            Ends = open ? null : end ?? Now.AddDays(-5),
            Geocodes = [new AlertGeocode("SAME", county)],
            EventCodes = new Dictionary<string, string>
            {
                [FemaDeclarations.DeclarationTypeCode] = id[..2],
                [FemaDeclarations.IncidentTypeCode] = incidentType,
            }.ToFrozenDictionary(),
        };

    private static PlanningScenario InPinellas(WeatherAlert declaration) =>
        new PlanningScenario().With(declaration).Campaign("c1", CampaignStatus.Running, "SAME:012103").Campaign("c2", CampaignStatus.Running, "SAME:012086");

    [TestMethod]
    public void Declaration_pauses_a_campaign_in_its_county_and_the_audit_names_it()
    {
        var plan = InPinellas(Declaration()).Plan();

        var pause = plan.Interventions.Single();
        Assert.AreEqual("c1", pause.CampaignId, "only the declared county");
        CollectionAssert.AreEqual(new[] { "DR-4834-FL" }, pause.Reason.AlertIds.ToArray());
        CollectionAssert.AreEqual(new[] { "Hurricane (DR)" }, pause.Reason.Events.ToArray());
        Assert.AreEqual("Declaration", pause.Reason.Severity, "a declaration shows its kind where a warning shows its severity");
        Assert.AreEqual(Now.AddDays(-5).AddDays(30), pause.Reason.Until, "the incident's end plus Policy:DeclarationHoldDays");
        var row = AuditRows.Planned(pause, dryRun: false);
        Assert.AreEqual(AuditOutcome.Planned, row.Outcome);
        Assert.AreEqual("DR-4834-FL", row.AlertIds);
        Assert.AreEqual("Hurricane (DR)", row.Events);
        Assert.AreEqual("Declaration", row.Severity);
    }

    [TestMethod]
    public void Declaration_counts_whatever_the_severity_threshold()
    {
        var scenario = InPinellas(Declaration());
        scenario.Policy.MinimumSeverity = AlertSeverity.Extreme;
        scenario.Policy.MinimumUrgency = AlertUrgency.Immediate;

        Assert.AreEqual(1, scenario.Plan().Pauses);
    }

    [TestMethod]
    [DataRow(29, 1, DisplayName = "ended 29 days ago, 30 hold days -> counts")]
    [DataRow(31, 0, DisplayName = "ended 31 days ago, 30 hold days -> no longer")]
    public void Declaration_counts_until_its_incident_end_plus_the_hold_days(int endedDaysAgo, int pauses)
    {
        Assert.AreEqual(pauses, InPinellas(Declaration(end: Now.AddDays(-endedDaysAgo))).Plan().Pauses);
    }

    [TestMethod]
    public void Hold_days_are_the_policys()
    {
        var scenario = InPinellas(Declaration(end: Now.AddDays(-5)));
        scenario.Policy.DeclarationHoldDays = 3;

        Assert.AreEqual(0, scenario.Plan().Pauses);
    }

    [TestMethod]
    public void An_incident_with_no_end_date_counts()
    {
        Assert.AreEqual(1, InPinellas(Declaration(begin: Now.AddDays(-400), open: true)).Plan().Pauses);
    }

    [TestMethod]
    public void A_declaration_whose_incident_has_not_begun_waits_for_the_look_ahead()
    {
        Assert.AreEqual(0, InPinellas(Declaration(begin: Now.AddDays(2), open: true)).Plan().Pauses);
    }

    [TestMethod]
    public void Fire_management_counts_only_when_the_policy_lists_it()
    {
        var byDefault = InPinellas(Declaration("FM-5500-FL", incidentType: "Fire"));
        var listed = InPinellas(Declaration("FM-5500-FL", incidentType: "Fire"));
        listed.Policy.DeclarationTypes = ["DR", "EM", "FM"];

        Assert.AreEqual(0, byDefault.Plan().Pauses, "DR and EM by default");
        Assert.AreEqual(1, listed.Plan().Pauses);
    }

    [TestMethod]
    public void Incident_types_filter_declarations()
    {
        var scenario = InPinellas(Declaration(incidentType: "Biological"));
        scenario.Policy.IncidentTypes = ["Hurricane", "Flood"];

        var plan = scenario.Plan();

        Assert.AreEqual(0, plan.Pauses);
        StringAssert.Contains(new AlertPolicy(scenario.Policy).WhyNotCounting(Declaration(incidentType: "Biological"), Now, new Supersessions([], [])), "Policy:IncidentTypes");
    }

    [TestMethod]
    public void A_campaign_under_a_warning_and_a_declaration_shows_the_warnings_severity_and_both_ids()
    {
        var plan = new PlanningScenario()
            .With(Declaration(county: "012057"))
            .Alert("NWS-1", "FLC057", AlertSeverity.Extreme)
            .Campaign("c1", CampaignStatus.Running, "SAME:012057,UGC:FLC057")
            .Plan();

        var reason = plan.Interventions.Single().Reason;
        Assert.AreEqual("Extreme", reason.Severity);
        CollectionAssert.AreEquivalent(new[] { "NWS-1", "DR-4834-FL" }, reason.AlertIds.ToArray());
    }

    [TestMethod]
    public void Policy_refuses_unknown_declaration_and_incident_types()
    {
        var result = new PolicyOptionsValidator().Validate(null, new PolicyOptions
        {
            DeclarationTypes = ["DR", "XX"],
            IncidentTypes = ["Hurricanes"],
            DeclarationHoldDays = 400,
        });

        Assert.IsTrue(result.Failed);
        var text = string.Join("\n", result.Failures!);
        StringAssert.Contains(text, "Policy:DeclarationTypes:1");
        StringAssert.Contains(text, "Policy:IncidentTypes:0");
        StringAssert.Contains(text, "Policy:DeclarationHoldDays");
        Assert.IsFalse(text.Contains("Policy:DeclarationTypes:0", StringComparison.Ordinal));
    }
}
