using System.Globalization;
using CxoneSimulator;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Storage;
using WeatherCampaign.Integration.Tests.Failures;

namespace WeatherCampaign.Integration.Tests.Platforms.GenesysCloud;

/// <summary>The whole service with <c>Platform:Kind=genesys-cloud</c>: cycles through the real handlers, queue and Azurite.</summary>
[TestClass]
public sealed class GenesysCloudCycleTests
{
    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    [TestMethod]
    public async Task A_storm_pauses_stopping_is_left_to_settle_clearing_resumes_and_only_the_status_ever_changed()
    {
        var clock = ServiceHarness.Clock();
        await using var harness = await GenesysHarness.StartAsync(
        [
            GenesysHarness.Campaign(1, "Florida Renewals [US-FL]"),
            GenesysHarness.Campaign(2, "Florida Winback [US-FL]", "off"),
            GenesysHarness.Campaign(3, "Keys Retention [US-FL] [weather:off]"),
            GenesysHarness.Campaign(4, "Texas Retention [US-TX]"),
            GenesysHarness.Campaign(5, "Florida Q1 [US-FL]", "complete"),
        ], time: clock);
        var org = harness.Simulator.State.Genesys;
        harness.HurricaneOverFlorida();

        var storm = await EndToEndTests.RunCycleThroughQueueAsync(harness);

        CollectionAssert.AreEqual(new[] { AuditOutcome.Paused }, storm.ToArray());
        Assert.AreEqual("stopping", org.StatusOf(GenesysHarness.Id(1)));
        Assert.AreEqual("off", org.StatusOf(GenesysHarness.Id(2)), "paused by someone else; untouched");
        Assert.AreEqual("on", org.StatusOf(GenesysHarness.Id(3)), "opted out with [weather:off]");
        Assert.AreEqual("on", org.StatusOf(GenesysHarness.Id(4)));
        Assert.AreEqual("complete", org.StatusOf(GenesysHarness.Id(5)));
        var hold = await harness.HoldAsync(GenesysHarness.Id(1));
        Assert.AreEqual(HoldState.Held, hold!.State);

        harness.ClearSkies();
        clock.Advance(TimeSpan.FromMinutes(31));
        var settling = await EndToEndTests.RunCycleThroughQueueAsync(harness);
        var resumed = await EndToEndTests.RunCycleThroughQueueAsync(harness);

        Assert.IsEmpty(settling, "stopping is neither paused again nor resumed");
        CollectionAssert.AreEqual(new[] { AuditOutcome.Resumed }, resumed.ToArray());
        Assert.AreEqual("on", org.StatusOf(GenesysHarness.Id(1)));
        Assert.AreEqual("off", org.StatusOf(GenesysHarness.Id(2)), "never ours to resume");
        Assert.AreEqual(2, org.StatusChanges);
        Assert.IsEmpty(org.FieldChanges, "nothing but campaignStatus ever changed");
        Assert.AreEqual(0, harness.Simulator.State.CountFor(SimulatorEndpoint.GenesysGetCampaign), "each change PUT straight from the listed body");
        var rows = await harness.AuditAsync();
        Assert.AreEqual("stopping", rows.Single(r => r.Outcome == AuditOutcome.Paused).CampaignStatus, "the audit keeps Genesys's own word");
    }

    [TestMethod]
    public async Task Listed_campaign_whose_id_is_not_a_GUID_gets_a_rejected_row_and_no_request()
    {
        await using var harness = await GenesysHarness.StartAsync(
        [
            GenesysHarness.Campaign(1, "Florida Renewals [US-FL]"),
            CxoneSimulator.Genesys.GenesysCampaignFactory.Create("camp-fl-legacy", "Florida Legacy [US-FL]"),
        ]);
        harness.HurricaneOverFlorida();

        var outcomes = await EndToEndTests.RunCycleThroughQueueAsync(harness);

        CollectionAssert.AreEqual(new[] { AuditOutcome.Paused }, outcomes.ToArray());
        Assert.AreEqual("on", harness.Simulator.State.Genesys.StatusOf("camp-fl-legacy"));
        Assert.IsFalse(harness.Simulator.State.Requests.Any(r => r.RawTarget.Contains("camp-fl-legacy", StringComparison.Ordinal)));
        var rejected = (await harness.AuditAsync()).Single(r => r.Outcome == AuditOutcome.Rejected);
        Assert.AreEqual("camp-fl-legacy", rejected.CampaignId);
        StringAssert.Contains(rejected.Detail, "GUID");
    }

    [TestMethod]
    [DataRow(RetryAfterMode.Seconds)]
    [DataRow(RetryAfterMode.None)]
    public async Task Rate_limited_changes_all_complete_and_no_retry_goes_before_retry_after_or_inin_ratelimit_reset(RetryAfterMode mode)
    {
        await using var harness = await GenesysHarness.StartAsync(
            Enumerable.Range(1, 6).Select(i => GenesysHarness.Campaign(i, $"Florida {i} [US-FL]")), s => s["GenesysCloud:MaxRetries"] = "6");
        harness.HurricaneOverFlorida();
        var faults = harness.Simulator.State.Faults;
        faults.RetryAfterMode = mode;
        faults.RequestsPerSecond = 3;
        faults.Burst = 2;

        var outcomes = await Scenario.RunCycleConcurrentlyAsync(harness);

        var state = harness.Simulator.State;
        Assert.IsTrue(outcomes.All(o => o == AuditOutcome.Paused), string.Join(", ", outcomes));
        Assert.AreEqual(6, state.Genesys.StatusChanges);
        Assert.IsGreaterThan(0, state.TooManyRequestsCount, "the limit was met");
        var requests = state.Requests.Where(r => r.Endpoint != SimulatorEndpoint.Feed).ToList();
        var checkedRetries = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            if (requests[i].StatusCode != 429)
            {
                continue;
            }

            var next = requests.Skip(i + 1).FirstOrDefault(r => r.Method == requests[i].Method && r.RawTarget == requests[i].RawTarget);
            if (next is not null)
            {
                // The simulator's waits are whole seconds (at least 1); 20 ms for the timer's granularity.
                Assert.IsGreaterThanOrEqualTo(requests[i].Timestamp + TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(20), next.Timestamp,
                    string.Create(CultureInfo.InvariantCulture, $"{next.Method} {next.RawTarget} retried {(next.Timestamp - requests[i].Timestamp).TotalMilliseconds} ms after its 429"));
                checkedRetries++;
            }
        }

        Assert.IsGreaterThan(0, checkedRetries);
    }
}
