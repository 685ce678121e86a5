using Azure.Data.Tables;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Integration.Tests;

/// <summary><see cref="AuditTrail.WriteAllAsync"/> against a real Azurite: table transactions of one partition, 100 rows at most.</summary>
[TestClass]
public sealed class AuditTrailBatchTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 28, 23, 59, 0, TimeSpan.Zero);

    private static AuditRecord Planned(int i, DateTimeOffset at, string detail = "planned") => new()
    {
        OccurredAt = at,
        Outcome = AuditOutcome.Planned,
        Discriminator = $"cycle-1-{i:D5}_planned",
        CampaignId = $"camp-{i}",
        MessageId = $"cycle-1-{i:D5}",
        Detail = detail,
    };

    private static async Task<(AuditTrail Audit, TableClient Table)> NewTrailAsync()
    {
        var name = TestStorage.UniqueName("audit");
        var audit = new AuditTrail(SharedAzurite.Tables, name);
        await audit.EnsureCreatedAsync();
        return (audit, SharedAzurite.Tables.GetTableClient(name));
    }

    [TestMethod]
    public async Task Many_rows_over_two_days_are_all_written_once_and_read_back()
    {
        var (audit, table) = await NewTrailAsync();
        var records = Enumerable.Range(1, 250).Select(i => Planned(i, Day1))
            .Concat(Enumerable.Range(251, 7).Select(i => Planned(i, Day1.AddMinutes(2)))) // the next UTC day: another partition
            .ToList();

        await audit.WriteAllAsync(records);
        await audit.WriteAllAsync(records); // a retried cycle replaces its rows rather than adding more

        var entities = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>())
        {
            entities.Add(entity);
        }

        Assert.AreEqual(257, entities.Count);
        Assert.AreEqual(2, entities.Select(e => e.PartitionKey).Distinct().Count());
        var read = await SharedAzurite.AuditRowsAsync(audit, Day1.AddMinutes(1));
        CollectionAssert.AreEquivalent(records.Select(r => r.CampaignId).ToArray(), read.Select(r => r.CampaignId).ToArray());
        Assert.IsTrue(read.All(r => r.Outcome == AuditOutcome.Planned && r.Detail == "planned"));
    }

    [TestMethod]
    public async Task The_same_row_twice_in_one_call_keeps_the_last()
    {
        var (audit, table) = await NewTrailAsync();

        await audit.WriteAllAsync([Planned(1, Day1, "first"), Planned(2, Day1), Planned(1, Day1, "second")]);

        var entities = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>())
        {
            entities.Add(entity);
        }

        Assert.AreEqual(2, entities.Count);
        Assert.AreEqual("second", entities.Single(e => e.GetString("CampaignId") == "camp-1").GetString("Detail"));
    }

    [TestMethod]
    public async Task Rows_too_big_for_one_transaction_are_split_and_all_written()
    {
        var (audit, table) = await NewTrailAsync();
        // 100 rows with four 16 000-character columns each: 6.4 MB of text, over the service's 4 MiB per transaction.
        var big = new string('x', 16_000);
        var records = Enumerable.Range(1, 100).Select(i => Planned(i, Day1, big) with { Events = big, Regions = big, AlertIds = big }).ToList();

        await audit.WriteAllAsync(records);

        var count = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>())
        {
            Assert.AreEqual(16_000, entity.GetString("Detail")!.Length);
            count++;
        }
        Assert.AreEqual(100, count);
    }

    [TestMethod]
    public async Task Nothing_to_write_sends_nothing()
    {
        var (audit, table) = await NewTrailAsync();

        await audit.WriteAllAsync([]);

        await foreach (var _ in table.QueryAsync<TableEntity>())
        {
            Assert.Fail("no row expected");
        }
    }
}
