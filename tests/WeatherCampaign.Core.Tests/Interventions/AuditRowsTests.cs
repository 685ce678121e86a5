using WeatherCampaign.Core.Alerts;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Planning;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Core.Tests.Interventions;

[TestClass]
public sealed class AuditRowsTests
{
    private static readonly DateTimeOffset Planned = new(2026, 9, 10, 18, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Every row the service writes, built twice as a retry builds it: later, on another attempt. Its table key must not move,
    /// or a retried write would add a second row instead of replacing the first. The expected discriminators pin the keys.
    /// </summary>
    [TestMethod]
    public void A_retried_write_lands_on_the_same_row()
    {
        var first = Rows(Planned.AddSeconds(1), attempt: 1);
        var retry = Rows(Planned.AddMinutes(7), attempt: 4);

        CollectionAssert.AreEqual(new[]
        {
            "cycle-1-00001_paused", "cycle-1-00001_planned", "cycle-1_cycle", "cycle-1_held", "cycle-1_approved",
            "cycle-1_rejected_" + TableKeys.Digest("bad/id"), "cycle-1_c1_Overridden",
        }, first.Select(r => r.Discriminator).ToArray());
        for (var i = 0; i < first.Count; i++)
        {
            Assert.AreEqual(first[i].PartitionKey, retry[i].PartitionKey, first[i].Discriminator);
            Assert.AreEqual(first[i].RowKey, retry[i].RowKey, first[i].Discriminator);
        }
    }

    [TestMethod]
    public void A_failed_attempt_has_its_own_row_and_the_same_attempt_again_lands_on_it()
    {
        var reason = new InterventionReason(["A1"], ["Hurricane Warning"], ["STATE:NY"], "Extreme", null);
        var message = InterventionMessage.From(new Intervention("cycle-1-00001", "cycle-1", "c1", "Campaign c1", InterventionAction.Pause, reason, Planned));

        var first = AuditRows.Retrying(message, 1, 5, "HTTP 503.", Planned.AddSeconds(2));
        var again = AuditRows.Retrying(message, 1, 5, "HTTP 503.", Planned.AddSeconds(40));
        var second = AuditRows.Retrying(message, 2, 5, "HTTP 503.", Planned.AddSeconds(40));
        var last = AuditRows.Retrying(message, 5, 5, "HTTP 503.", Planned.AddMinutes(3));

        Assert.AreEqual("cycle-1-00001_retrying_1", first.Discriminator);
        Assert.AreEqual(first.RowKey, again.RowKey, "a duplicate of attempt 1 replaces its row");
        Assert.AreNotEqual(first.RowKey, second.RowKey);
        Assert.AreEqual(AuditOutcome.Retrying, first.Outcome);
        Assert.AreEqual("retrying", first.Outcome.ToWire());
        Assert.AreEqual(1, first.Attempt);
        Assert.AreEqual("Attempt 1 of 5 failed: HTTP 503. The message goes back to the queue for another attempt.", first.Detail);
        StringAssert.Contains(last.Detail, "That was the last attempt: the queue moves the message to interventions-poison");
    }

    /// <summary>
    /// The rows a delivery or a cycle writes again when it is retried, built at <paramref name="now"/>: a message's rows by the
    /// handler, a cycle's from the same plan and start (the cycle writes them again with both).
    /// </summary>
    private static List<AuditRecord> Rows(DateTimeOffset now, long attempt)
    {
        var campaign = new Campaign("c1", "Campaign c1", CampaignStatus.Running, "running", ["NY"], new Dictionary<string, string>());
        var reason = new InterventionReason(["A1"], ["Hurricane Warning"], ["STATE:NY"], "Extreme", null);
        var intervention = new Intervention("cycle-1-00001", "cycle-1", "c1", "Campaign c1", InterventionAction.Pause, reason, Planned);
        var message = InterventionMessage.From(intervention);
        var plan = new Plan { CycleId = "cycle-1", PlannedAt = Planned, HasData = true, ApprovedBy = "the test", Feeds = [new FeedOutcome("nws", true, 1)] };
        var hold = new WeatherHold { CampaignId = "c1", State = HoldState.Held, AlertIds = ["A1"], UpdatedAt = Planned };
        var change = new HoldChange(HoldChangeKind.Overridden, hold.OverriddenByPerson("Resumed by a person.", now));
        return
        [
            AuditRows.ForMessage(message, AuditOutcome.Paused, now, attempt, "paused", null),
            AuditRows.Planned(intervention, dryRun: false),
            AuditRows.Cycle(plan, Planned, dryRun: false),
            AuditRows.HeldForApproval(plan, Planned, dryRun: false),
            AuditRows.Approved(plan, 0.5, Planned, dryRun: false),
            AuditRows.Refused(plan, new RefusedCampaign(campaign with { Id = "bad/id" }, "it holds '/'"), Planned, dryRun: false),
            AuditRows.HoldClosed(plan, change),
        ];
    }
}
