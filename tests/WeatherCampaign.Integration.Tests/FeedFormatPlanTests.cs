using CxoneSimulator;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Planning;
using WeatherCampaign.DevTools;

namespace WeatherCampaign.Integration.Tests;

/// <summary>
/// A recorded feed in each real format, replayed through <c>file:</c> at a moment when it was live: the cycle must pause
/// exactly the campaigns a careful reader of that feed would list (fixtures: tests/WeatherCampaign.Core.Tests/Fixtures).
/// </summary>
[TestClass]
public sealed class FeedFormatPlanTests
{
    // 2025-01-20 22:00 UTC: the New York winter storm is about to start, the Polish wind warning is still in force.
    private static readonly DateTimeOffset AsOf = new(2025, 1, 20, 22, 0, 0, TimeSpan.Zero);

    private static CampaignEntity[] Campaigns() =>
    [
        CampaignEntity.Create("ny-zone-72", "Manhattan Renewals", CampaignEntity.Running, "UGC:NYZ072"),
        CampaignEntity.Create("ny-zone-75", "Brooklyn Renewals", CampaignEntity.Running, "UGC:NYZ075"),
        CampaignEntity.Create("ny-zone-10", "Buffalo Renewals", CampaignEntity.Running, "UGC:NYZ010"),
        CampaignEntity.Create("ny-state", "New York Surveys", CampaignEntity.Running, "US-NY"),
        CampaignEntity.Create("az-maricopa", "Phoenix Reminders", CampaignEntity.Running, "US-AZ"),
        CampaignEntity.Create("fl-state", "Florida Renewals", CampaignEntity.Running, "US-FL"),
        CampaignEntity.Create("pl-804", "Warszawa Obsługa", CampaignEntity.Running, "EMMA_ID:PL804"),
        CampaignEntity.Create("pl-042", "Gdańsk Obsługa", CampaignEntity.Running, "EMMA_ID:PL042"),
        CampaignEntity.Create("opaque-xyz", "Customer Code XYZ", CampaignEntity.Running, "xyz"),
    ];

    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    [TestMethod]
    // The Update replaces the first alert's area with NYZ072 alone; the Cancel and the Minor dust storm count for nothing.
    [DataRow("Nws/feature-collection.json", "nws", "ny-state,ny-zone-72", DisplayName = "NWS GeoJSON: Update narrows the area, Cancel ignored")]
    [DataRow("Cap/nws-cap11-prefixed.xml", "cap", "ny-state,ny-zone-72,ny-zone-75", DisplayName = "CAP 1.1 with cap: prefix, FIPS6 and UGC")]
    [DataRow("Atom/nws-legacy.xml", "atom", "ny-state,ny-zone-10,ny-zone-72,ny-zone-75", DisplayName = "legacy NWS ATOM: space-separated geocodes")]
    [DataRow("Atom/meteoalarm.xml", "atom", "pl-042,pl-804", DisplayName = "MeteoAlarm ATOM: entries merged by identifier, EMMA_ID")]
    // The customer's US-NE group covers New York state; the Exercise for Florida does not count; 'xyz' matches as an opaque code.
    [DataRow("Simple/alerts.json", "simple", "ny-state,ny-zone-72,opaque-xyz", DisplayName = "customer JSON: groups, opaque codes, Exercise ignored")]
    [DataRow("Nws/feature-collection.json", "auto", "ny-state,ny-zone-72", DisplayName = "auto-detected NWS GeoJSON")]
    [DataRow("Atom/meteoalarm.xml", "auto", "pl-042,pl-804", DisplayName = "auto-detected ATOM")]
    public async Task Replayed_feed_pauses_exactly_the_campaigns_its_alerts_cover(string fixture, string format, string expected)
    {
        var path = Path.Combine(AzuriteServer.FindRepositoryRoot(), "tests", "WeatherCampaign.Core.Tests", "Fixtures", fixture);
        await using var harness = await ServiceHarness.StartAsync(Campaigns(), s =>
        {
            s["Weather:Feeds:0:Url"] = new Uri(path).AbsoluteUri;
            s["Weather:Feeds:0:Format"] = format;
            s["Weather:Feeds:0:Name"] = "recorded";
        });

        var result = await harness.Get<PollWeatherHandler>().RunAsync(CycleRequest.Preview(AsOf));

        Assert.AreEqual(PlanVerdict.Planned, result.Plan.Verdict, result.Plan.Reason);
        var paused = result.Plan.Interventions.Where(i => i.Action == InterventionAction.Pause).Select(i => i.CampaignId).Order(StringComparer.Ordinal);
        Assert.AreEqual(expected, string.Join(",", paused));
        Assert.AreEqual(0, harness.Simulator.State.PatchCount, "a replay changes nothing");
    }
}
