using System.Text.Json.Nodes;
using CxoneSimulator;
using Microsoft.Extensions.Time.Testing;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Planning;
using WeatherCampaign.Core.Storage;
using WeatherCampaign.Integration.Tests.Failures;

namespace WeatherCampaign.Integration.Tests.OpenFema;

/// <summary>
/// The <c>openfema</c> feed against the simulator's OpenFEMA endpoint, beside a healthy (clear) NWS feed: paging, incremental
/// reads by <c>lastRefresh</c>, the daily full read, a count that changes mid-read, bad FIPS codes, statewide declarations, and
/// the policy's hold days and type filters. Records are written from FEMA's data dictionary (<see cref="FemaRecords"/>).
/// </summary>
[TestClass]
public sealed class OpenFemaFeedTests
{
    private const string Path = "/openfema/api/open/v2/DisasterDeclarationsSummaries";

    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    private static CampaignEntity InCounty(string id, string sameCode, string status = CampaignEntity.Running) =>
        CampaignEntity.Create(id, "Campaign " + id, status, "SAME:" + sameCode, "America/New_York");

    private static async Task<(ServiceHarness Harness, FakeTimeProvider Clock)> StartAsync(
        IEnumerable<CampaignEntity> campaigns, Action<Dictionary<string, string?>>? more = null)
    {
        var clock = ServiceHarness.Clock();
        var harness = await ServiceHarness.StartAsync(campaigns, s =>
        {
            s["Weather:Feeds:1:Url"] = s["Weather:Feeds:0:Url"]!.Replace("/feeds/nws", Path, StringComparison.Ordinal);
            s["Weather:Feeds:1:Format"] = "openfema";
            s["Weather:Feeds:1:Name"] = "fema";
            s["Weather:OpenFema:PageSize"] = "2";
            more?.Invoke(s);
        }, clock);
        harness.ClearSkies();
        return (harness, clock);
    }

    /// <summary>One area of Hurricane DR-4834-FL, which began 6 days ago and ended 3 days ago.</summary>
    private static JsonObject Hurricane(FakeTimeProvider clock, string county, string area, string declaration = "DR-4834-FL", DateTimeOffset? refreshed = null) =>
        FemaRecords.Area(declaration, "12", county, area, clock.GetUtcNow().AddDays(-6), clock.GetUtcNow().AddDays(-3), refreshed ?? clock.GetUtcNow().AddHours(-1));

    private static List<JsonObject> FiveFloridaCounties(FakeTimeProvider clock) =>
    [
        Hurricane(clock, "103", "Pinellas (County)"),
        Hurricane(clock, "057", "Hillsborough (County)"),
        Hurricane(clock, "101", "Pasco (County)"),
        Hurricane(clock, "081", "Manatee (County)"),
        Hurricane(clock, "115", "Sarasota (County)"),
    ];

    [TestMethod]
    public async Task Reads_every_page_and_pauses_the_campaign_in_the_declared_county_naming_the_declaration()
    {
        var (harness, clock) = await StartAsync([InCounty("camp-pinellas", "012103"), InCounty("camp-miami", "012086")]);
        await using var _ = harness;
        harness.Simulator.State.OpenFema.Set(FiveFloridaCounties(clock));

        var cycle = await harness.Get<PollWeatherHandler>().RunAsync();

        var queries = harness.Simulator.State.OpenFema.Queries;
        Assert.HasCount(3, queries, "5 records, 2 a page");
        for (var page = 0; page < 3; page++)
        {
            StringAssert.Contains(queries[page], $"$skip={page * 2}");
            StringAssert.Contains(queries[page], "$top=2");
            StringAssert.Contains(queries[page], "$orderby=id");
            StringAssert.Contains(queries[page], "$count=true");
            StringAssert.Contains(queries[page], "declarationDate ge '");
        }

        Assert.AreEqual("camp-pinellas", cycle.Plan.Interventions.Single().CampaignId);
        var rows = await harness.AuditAsync();
        var planned = rows.Single(r => r.Outcome == AuditOutcome.Planned);
        Assert.AreEqual("DR-4834-FL", planned.AlertIds);
        Assert.AreEqual("Hurricane (DR)", planned.Events);
        Assert.AreEqual("Declaration", planned.Severity);
        StringAssert.Contains(rows.Single(r => r.Outcome == AuditOutcome.Cycle).Detail, "fema: 1 alerts");
    }

    [TestMethod]
    public async Task Later_cycles_ask_only_for_records_refreshed_since_the_newest_seen_and_keep_the_rest()
    {
        var (harness, clock) = await StartAsync([InCounty("camp-pinellas", "012103"), InCounty("camp-miami", "012086")]);
        await using var _ = harness;
        var firstRefresh = clock.GetUtcNow().AddHours(-1);
        harness.Simulator.State.OpenFema.Set([Hurricane(clock, "103", "Pinellas (County)", refreshed: firstRefresh)]);
        await harness.Get<PollWeatherHandler>().RunAsync();

        clock.Advance(TimeSpan.FromMinutes(20));
        harness.Simulator.State.OpenFema.Upsert(Hurricane(clock, "086", "Miami-Dade (County)", refreshed: clock.GetUtcNow().AddMinutes(-1)));
        var second = await harness.Get<PollWeatherHandler>().RunAsync();

        StringAssert.Contains(harness.Simulator.State.OpenFema.Queries[^1], $"lastRefresh ge '{FemaRecords.Date(firstRefresh)}'");
        CollectionAssert.AreEquivalent(new[] { "camp-pinellas", "camp-miami" }, second.Plan.Interventions.Select(i => i.CampaignId).ToArray(),
            "the county read earlier still counts; the new one is added");
    }

    [TestMethod]
    public async Task Once_a_day_the_whole_set_is_read_again_so_a_deleted_record_stops_counting()
    {
        var (harness, clock) = await StartAsync([InCounty("camp-pinellas", "012103"), InCounty("camp-tampa", "012057")]);
        await using var _ = harness;
        var dataset = harness.Simulator.State.OpenFema;
        dataset.Set([Hurricane(clock, "103", "Pinellas (County)"), Hurricane(clock, "057", "Hillsborough (County)")]);
        await harness.Get<PollWeatherHandler>().RunAsync();
        Assert.IsTrue(dataset.Remove(FemaRecords.IdOf("DR-4834-FL", "12", "103")));

        clock.Advance(TimeSpan.FromHours(2));
        var incremental = await harness.Get<PollWeatherHandler>().RunAsync();
        clock.Advance(TimeSpan.FromDays(1));
        var full = await harness.Get<PollWeatherHandler>().RunAsync();

        Assert.AreEqual(2, incremental.Plan.Pauses, "an incremental read cannot see a deletion");
        StringAssert.Contains(dataset.Queries[^2], "lastRefresh ge");
        Assert.IsFalse(dataset.Queries[^1].Contains("lastRefresh", StringComparison.Ordinal), "the daily read asks for everything");
        Assert.AreEqual("camp-tampa", full.Plan.Interventions.Single().CampaignId);
    }

    [TestMethod]
    public async Task A_count_that_changes_while_the_pages_are_read_fails_the_feed_resumes_nothing_and_the_next_cycle_reads_again()
    {
        var (harness, clock) = await StartAsync([Scenario.Florida("camp-fl-01", CampaignEntity.Paused), InCounty("camp-houston", "048201")]);
        await using var _ = harness;
        await Scenario.SeedHeldAsync(harness, "camp-fl-01", clock.GetUtcNow().AddHours(-2));
        var texas = Enumerable.Range(1, 3)
            .Select(i => FemaRecords.Area("DR-4900-TX", "48", (200 + i).ToString("D3", System.Globalization.CultureInfo.InvariantCulture), $"County {i}",
                clock.GetUtcNow().AddDays(-2), null, clock.GetUtcNow().AddHours(-1), incidentType: "Flood"))
            .ToList();
        harness.Simulator.State.OpenFema.Set(texas);
        harness.Simulator.State.OpenFema.InsertAfterPages(1, FemaRecords.Area("DR-4900-TX", "48", "157", "Fort Bend (County)",
            clock.GetUtcNow().AddDays(-2), null, clock.GetUtcNow().AddMinutes(-1), incidentType: "Flood"));

        var broken = await harness.Get<PollWeatherHandler>().RunAsync();

        Assert.IsFalse(broken.Plan.ResumesAllowed);
        Assert.AreEqual(0, broken.Plan.Resumes);
        Assert.AreEqual(HoldState.Held, (await harness.HoldAsync("camp-fl-01"))!.State, "the hold is kept");
        var cycleRow = (await harness.AuditAsync()).Single(r => r.Outcome == AuditOutcome.Cycle);
        StringAssert.Contains(cycleRow.Detail, "fema: FAILED");
        StringAssert.Contains(cycleRow.Detail, "count changed from 3 to 4");

        clock.Advance(TimeSpan.FromMinutes(5));
        var next = await harness.Get<PollWeatherHandler>().RunAsync();

        Assert.IsTrue(next.Plan.ResumesAllowed);
        Assert.AreEqual(1, next.Plan.Resumes, "read again, complete");
        Assert.AreEqual(1, next.Plan.Pauses, "camp-houston, in a declared county");
    }

    [TestMethod]
    public async Task Records_without_a_valid_fips_code_are_skipped_and_counted_in_the_cycle_row()
    {
        var (harness, clock) = await StartAsync([InCounty("camp-pinellas", "012103")]);
        await using var _ = harness;
        var noCounty = Hurricane(clock, "057", "Hillsborough (County)");
        noCounty.Remove("fipsCountyCode");
        var badState = Hurricane(clock, "101", "Pasco (County)");
        badState["fipsStateCode"] = "FL";
        harness.Simulator.State.OpenFema.Set([Hurricane(clock, "103", "Pinellas (County)"), noCounty, badState]);

        var cycle = await harness.Get<PollWeatherHandler>().RunAsync();

        Assert.AreEqual(PlanVerdict.Planned, cycle.Plan.Verdict);
        Assert.IsTrue(cycle.Plan.ResumesAllowed, "a skipped record does not fail the feed");
        Assert.AreEqual(1, cycle.Plan.Pauses);
        var cycleRow = (await harness.AuditAsync()).Single(r => r.Outcome == AuditOutcome.Cycle);
        StringAssert.Contains(cycleRow.Detail, "fema: 1 alerts, 2 skipped (2 missing or invalid FIPS code)");
    }

    [TestMethod]
    public async Task A_statewide_declaration_county_000_pauses_a_campaign_for_the_state_only()
    {
        var (harness, clock) = await StartAsync([Scenario.Florida("camp-fl-01"), CampaignEntity.Create("camp-ga-01", "Georgia", CampaignEntity.Running, "US-GA")]);
        await using var _ = harness;
        harness.Simulator.State.OpenFema.Set([FemaRecords.Area("EM-3620-FL", "12", "000", "Statewide", clock.GetUtcNow().AddDays(-1), null, clock.GetUtcNow().AddHours(-1))]);

        var cycle = await harness.Get<PollWeatherHandler>().RunAsync();

        var pause = cycle.Plan.Interventions.Single();
        Assert.AreEqual("camp-fl-01", pause.CampaignId);
        CollectionAssert.Contains(pause.Reason.Regions.ToArray(), "STATE:FL");
    }

    [TestMethod]
    public async Task Hold_days_type_filters_and_open_incidents_decide_which_declarations_count()
    {
        var (harness, clock) = await StartAsync(
            [InCounty("camp-ended", "012103"), InCounty("camp-open", "012057"), InCounty("camp-fire", "012101"), InCounty("camp-biological", "012081")],
            s =>
            {
                s["Policy:DeclarationHoldDays"] = "7";
                s["Policy:IncidentTypes:0"] = "Hurricane";
            });
        await using var _ = harness;
        var now = clock.GetUtcNow();
        harness.Simulator.State.OpenFema.Set(
        [
            FemaRecords.Area("DR-4834-FL", "12", "103", "Pinellas (County)", now.AddDays(-20), now.AddDays(-10), now.AddHours(-1)),
            FemaRecords.Area("EM-3621-FL", "12", "057", "Hillsborough (County)", now.AddDays(-20), null, now.AddHours(-1)),
            FemaRecords.Area("FM-5501-FL", "12", "101", "Pasco (County)", now.AddDays(-2), null, now.AddHours(-1), incidentType: "Fire"),
            FemaRecords.Area("DR-4835-FL", "12", "081", "Manatee (County)", now.AddDays(-2), null, now.AddHours(-1), incidentType: "Biological"),
        ]);

        var cycle = await harness.Get<PollWeatherHandler>().RunAsync();

        Assert.AreEqual("camp-open", cycle.Plan.Interventions.Single().CampaignId,
            "ended 10 days ago with 7 hold days: over; FM: not a default type; Biological: not in Policy:IncidentTypes");
        Assert.AreEqual(4, cycle.Plan.AlertsRead);
        Assert.AreEqual(1, cycle.Plan.AlertsCounting);
    }
}
