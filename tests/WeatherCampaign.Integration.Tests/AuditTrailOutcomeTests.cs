using Azure;
using Azure.Data.Tables;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Integration.Tests;

/// <summary>
/// <see cref="AuditTrail.WriteOutcomeAsync"/> against a real Azurite: a message's outcome row and its planned row's applied
/// mark land in one table transaction, or neither does.
/// </summary>
[TestClass]
public sealed class AuditTrailOutcomeTests
{
    private static readonly DateTimeOffset PlannedAt = new(2026, 11, 28, 23, 59, 30, TimeSpan.Zero);

    private static readonly InterventionMessage Message = new(1, "cycle-9-00001", "cycle-9", "camp-ok-1", "Tulsa Renewals", "pause",
        new InterventionMessageReason(["tornado-1"], ["Tornado Warning"], ["STATE:OK"], "Extreme", null), PlannedAt);

    private static async Task<(AuditTrail Audit, TableClient Table)> NewTrailAsync()
    {
        var name = TestStorage.UniqueName("audit");
        var audit = new AuditTrail(SharedAzurite.Tables, name);
        await audit.EnsureCreatedAsync();
        return (audit, SharedAzurite.Tables.GetTableClient(name));
    }

    private static async Task<List<TableEntity>> RowsAsync(TableClient table)
    {
        var rows = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>())
        {
            rows.Add(entity);
        }

        return rows;
    }

    [TestMethod]
    public async Task The_outcome_row_and_the_applied_mark_land_together_and_the_planned_row_keeps_its_columns()
    {
        var (audit, table) = await NewTrailAsync();
        var planned = AuditRows.ForMessage(Message, AuditOutcome.Planned, PlannedAt, null, null, "Tornado Warning over STATE:OK");
        await audit.WriteAsync(planned);
        // Applied just after midnight: both rows still sort at the planned time, in the planned day's partition.
        var appliedAt = PlannedAt.AddMinutes(1);
        var paused = AuditRows.ForMessage(Message, AuditOutcome.Paused, appliedAt, 1, "Paused", null);

        await audit.WriteOutcomeAsync(paused, planned, AuditOutcome.Paused, appliedAt);

        var rows = await RowsAsync(table);
        Assert.AreEqual(2, rows.Count);
        Assert.AreEqual(1, rows.Select(r => r.PartitionKey).Distinct().Count());
        var plannedRow = rows.Single(r => r.GetString("Outcome") == "planned");
        Assert.AreEqual("paused", plannedRow.GetString("AppliedAs"));
        Assert.AreEqual(appliedAt, plannedRow.GetDateTimeOffset("AppliedAt"));
        Assert.AreEqual("Tornado Warning over STATE:OK", plannedRow.GetString("Detail"), "the mark changes nothing else");
        Assert.AreEqual("Paused", rows.Single(r => r.GetString("Outcome") == "paused").GetString("CampaignStatus"));
    }

    [TestMethod]
    public async Task A_repeated_delivery_adds_its_own_row_and_the_mark_keeps_what_the_message_did()
    {
        var (audit, table) = await NewTrailAsync();
        var planned = AuditRows.ForMessage(Message, AuditOutcome.Planned, PlannedAt, null, null, null);
        await audit.WriteAsync(planned);
        var paused = AuditRows.ForMessage(Message, AuditOutcome.Paused, PlannedAt.AddSeconds(5), 1, "Paused", null);
        var duplicate = AuditRows.ForMessage(Message, AuditOutcome.Skipped, PlannedAt.AddSeconds(9), 2, null, "Duplicate delivery");

        await audit.WriteOutcomeAsync(paused, planned, AuditOutcome.Paused, PlannedAt.AddSeconds(5));
        await audit.WriteOutcomeAsync(paused with { Detail = "again" }, planned, AuditOutcome.Paused, PlannedAt.AddSeconds(6));
        await audit.WriteOutcomeAsync(duplicate, planned, AuditOutcome.Paused, PlannedAt.AddSeconds(9));

        var rows = await RowsAsync(table);
        Assert.AreEqual(3, rows.Count, "the planned row, one paused row however often it is written, and the duplicate's own row");
        Assert.AreEqual("again", rows.Single(r => r.GetString("Outcome") == "paused").GetString("Detail"));
        var plannedRow = rows.Single(r => r.GetString("Outcome") == "planned");
        Assert.AreEqual("paused", plannedRow.GetString("AppliedAs"));
        Assert.AreEqual(PlannedAt.AddSeconds(9), plannedRow.GetDateTimeOffset("AppliedAt"));
    }

    [TestMethod]
    public async Task A_planned_row_that_is_not_there_fails_the_write_and_no_outcome_row_is_left()
    {
        var (audit, table) = await NewTrailAsync();
        var planned = AuditRows.ForMessage(Message, AuditOutcome.Planned, PlannedAt, null, null, null);
        var paused = AuditRows.ForMessage(Message, AuditOutcome.Paused, PlannedAt.AddSeconds(5), 1, "Paused", null);

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => audit.WriteOutcomeAsync(paused, planned, AuditOutcome.Paused, PlannedAt.AddSeconds(5)));

        Assert.AreEqual(404, failure.Status);
        Assert.AreEqual(0, (await RowsAsync(table)).Count, "the outcome row went with the mark that failed");
    }

    [TestMethod]
    public async Task Rows_of_two_partitions_are_both_written_one_after_the_other()
    {
        var (audit, table) = await NewTrailAsync();
        var planned = AuditRows.ForMessage(Message, AuditOutcome.Planned, PlannedAt, null, null, null);
        await audit.WriteAsync(planned);
        // A row keyed by when it happened, not by the planned time: the next day's partition.
        var elsewhere = planned with { Outcome = AuditOutcome.Skipped, Discriminator = "operator_skipped", SortTime = null, OccurredAt = PlannedAt.AddMinutes(1) };

        await audit.WriteOutcomeAsync(elsewhere, planned, AuditOutcome.Skipped, PlannedAt.AddMinutes(1));

        var rows = await RowsAsync(table);
        Assert.AreEqual(2, rows.Select(r => r.PartitionKey).Distinct().Count());
        Assert.AreEqual("skipped", rows.Single(r => r.GetString("Outcome") == "planned").GetString("AppliedAs"));
    }
}
