using System.Globalization;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Alerts;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Planning;
using WeatherCampaign.Core.Regions;

namespace WeatherCampaign.Bench.Data;

/// <summary>
/// A big storm: the large NWS feed (about 2 000 alerts, counting ones in 12 states) and a tenant of campaigns over all
/// 50 states, written as a real tenant writes them (US-NY, NY, zone codes, two states, the US-NE group), a tenth already
/// held by the service. Deterministic.
/// </summary>
internal sealed class PlanningData
{
    public static readonly string[] StormStates = ["NY", "NJ", "PA", "MA", "CT", "VT", "NH", "ME", "OH", "MI", "IL", "WI"];

    private PlanningData(RegionCatalog catalog, PlanningInput input, PolicyOptions policy, DateTimeOffset now)
    {
        Catalog = catalog;
        Input = input;
        Policy = policy;
        Now = now;
    }

    public RegionCatalog Catalog { get; }
    public PlanningInput Input { get; }
    public PolicyOptions Policy { get; }
    public DateTimeOffset Now { get; }

    public static readonly DateTimeOffset FixedNow = new(2025, 1, 20, 15, 0, 0, TimeSpan.Zero);

    /// <summary>The ~20 MB NWS feed of 2 000 alerts used by both the parser and the planner benchmarks.</summary>
    public static byte[] LargeNwsFeed() =>
        NwsFeedGenerator.Generate(
            NwsFeedGenerator.Storm(2_000, StormStates, UsStates.All.Select(s => s.Postal).Except(StormStates).ToList(), countingShare: 0.5),
            FixedNow);

    public static PlanningData Create(int campaignCount, IReadOnlyList<WeatherAlert> alerts, int seed = 3)
    {
        var random = new Random(seed);
        var catalog = new RegionCatalog(Options.Create(new RegionsOptions
        {
            Groups = { ["US-NE"] = ["NY", "NJ", "PA", "CT", "RI", "MA", "VT", "NH", "ME"] },
        }));
        var campaigns = new List<Campaign>(campaignCount);
        var holds = new List<WeatherHold>();
        var noAttributes = new Dictionary<string, string>();
        for (var i = 0; i < campaignCount; i++)
        {
            var (state, _) = UsStates.All[random.Next(UsStates.All.Length)];
            IReadOnlyList<string> regions = random.Next(10) switch
            {
                < 5 => ["US-" + state],
                5 or 6 => [state],
                7 => [string.Create(CultureInfo.InvariantCulture, $"{state}Z{random.Next(1, 200):D3}")],
                8 => ["US-" + state, "US-" + UsStates.All[random.Next(UsStates.All.Length)].Postal],
                _ => ["US-NE"],
            };
            var id = string.Create(CultureInfo.InvariantCulture, $"camp-{i:D8}-{random.Next():x8}");
            var held = random.Next(10) == 0;
            campaigns.Add(new Campaign(id, $"Campaign {i:D5}", held ? CampaignStatus.Paused : CampaignStatus.Running, held ? "paused" : "running", regions, noAttributes));
            if (held)
            {
                holds.Add(new WeatherHold
                {
                    CampaignId = id,
                    CampaignName = $"Campaign {i:D5}",
                    State = HoldState.Held,
                    AlertIds = ["urn:oid:2.49.0.1.840.0.old"],
                    Events = ["Winter Storm Warning"],
                    Regions = ["STATE:" + state],
                    Severity = "Severe",
                    PausedAt = FixedNow.AddHours(-3),
                    LastAffectedAt = FixedNow.AddHours(-2),
                    UpdatedAt = FixedNow.AddHours(-2),
                    MessageId = "old-" + id,
                });
            }
        }
        var snapshot = new AlertSnapshot(alerts, [new FeedOutcome("nws", true, alerts.Count)]);
        var input = new PlanningInput("20250120T150000Z-bench", snapshot, new CampaignListing(campaigns, (campaignCount + 49) / 50, FixedNow), holds);
        return new PlanningData(catalog, input, new PolicyOptions(), FixedNow);
    }
}
