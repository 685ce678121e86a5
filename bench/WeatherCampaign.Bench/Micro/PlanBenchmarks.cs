using BenchmarkDotNet.Attributes;
using WeatherCampaign.Bench.Data;
using WeatherCampaign.Core.Alerts;
using WeatherCampaign.Core.Planning;

namespace WeatherCampaign.Bench.Micro;

/// <summary>One cycle's planning for a 50 000-campaign tenant against the 2 000-alert storm feed (no I/O).</summary>
[MemoryDiagnoser]
public class PlanBenchmarks
{
    private PlanningData _data = null!;
    private InterventionPlanner _planner = null!;

    [GlobalSetup]
    public void Setup()
    {
        var alerts = new NwsGeoJsonAlertParser().Parse(PlanningData.LargeNwsFeed(), "nws");
        _data = PlanningData.Create(50_000, alerts);
        _planner = new InterventionPlanner(_data.Catalog);
        var plan = Plan();
        Console.WriteLine($"// {plan.CampaignsListed:N0} campaigns, {plan.AlertsRead:N0} alerts ({plan.AlertsCounting:N0} counting): {plan.CampaignsAffected:N0} affected, {plan.Pauses:N0} pauses, {plan.Resumes:N0} resumes, {plan.HoldChanges.Count:N0} hold changes");
    }

    [Benchmark(Description = "Plan 50000 campaigns x 2000 alerts")]
    public Plan Plan() => _planner.Plan(_data.Input, _data.Policy, _data.Now);
}
