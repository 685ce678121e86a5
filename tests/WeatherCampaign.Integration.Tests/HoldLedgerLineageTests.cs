using Azure.Data.Tables;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Integration.Tests;

/// <summary>Rule 7's memory: a hold's lineage is a column of its <c>weatherholds</c> row, so it survives a restart (against Azurite).</summary>
[TestClass]
public sealed class HoldLedgerLineageTests
{
    [TestMethod]
    public async Task Lineage_and_overridden_re_issues_are_written_and_read_back_intact()
    {
        var (ledger, _) = await LedgerAsync();
        var entries = Enumerable.Range(0, WeatherHold.MaxLineage)
            .Select(i => new LineageEntry($"urn:oid:2.49.0.1.840.0.{i:x40}.001.1", i == 0 ? null : $"urn:oid:2.49.0.1.840.0.{i - 1:x40}.001.1", "nws", "Tropical Storm Warning", "Severe"))
            .ToList();
        var hold = new WeatherHold
        {
            CampaignId = "camp-fl-01",
            State = HoldState.Overridden,
            AlertIds = [entries[0].AlertId],
            SuppressedAlertIds = [.. entries.Select(e => e.AlertId)],
            UpdatedAt = DateTimeOffset.UtcNow,
        }.WithLineage(entries, [], DateTimeOffset.UtcNow);

        await ledger.SaveAsync(hold);
        var read = (await ledger.ListAsync()).Single();

        CollectionAssert.AreEqual(entries, read.Lineage.ToList(), "a full lineage of NWS-length ids fits one row");
        CollectionAssert.AreEqual(hold.SuppressedAlertIds.ToList(), read.SuppressedAlertIds.ToList());
    }

    [TestMethod]
    [DataRow("", DisplayName = "a row written before lineage was kept")]
    [DataRow("{not json", DisplayName = "an unreadable lineage")]
    [DataRow("[null,{\"alertId\":null}]", DisplayName = "entries with no alert id")]
    public async Task Row_without_a_readable_lineage_keeps_its_hold(string lineage)
    {
        var (ledger, table) = await LedgerAsync();
        await ledger.SaveAsync(new WeatherHold { CampaignId = "camp-fl-01", State = HoldState.Held, AlertIds = ["A"], UpdatedAt = DateTimeOffset.UtcNow });
        var entity = (await table.GetEntityAsync<TableEntity>("hold", "camp-fl-01")).Value;
        entity["Lineage"] = lineage;
        await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace);

        var read = (await ledger.ListAsync()).Single();

        Assert.AreEqual(HoldState.Held, read.State);
        CollectionAssert.AreEqual(new[] { "A" }, read.AlertIds.ToList());
        Assert.IsEmpty(read.Lineage);
    }

    private static async Task<(HoldLedger Ledger, TableClient Table)> LedgerAsync()
    {
        var name = TestStorage.UniqueName("holds");
        var ledger = new HoldLedger(SharedAzurite.Tables, name);
        await ledger.EnsureCreatedAsync();
        return (ledger, SharedAzurite.Tables.GetTableClient(name));
    }
}
