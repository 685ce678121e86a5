using Azure.Data.Tables;

namespace WeatherCampaign.Core.Storage;

/// <summary>What to read back from the audit trail.</summary>
public sealed record AuditQuery(DateTimeOffset Since, DateTimeOffset Until, string? CampaignId = null, AuditOutcome? Outcome = null, int? Limit = null);

/// <summary>The <c>audit</c> table: one row per event, partitioned by UTC day, newest first within a day.</summary>
public class AuditTrail
{
    public const string TableName = "audit";
    private const int MaxColumnLength = 16_000;
    private readonly TableClient _table;

    /// <param name="tableName">Another table than <see cref="TableName"/>, for tests that must not share one.</param>
    public AuditTrail(TableServiceClient tables, string tableName = TableName) => _table = tables.GetTableClient(tableName);

    /// <summary>For mocking.</summary>
    protected AuditTrail() => _table = null!;

    public virtual async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Writes the row; writing the same record again (a retried message) replaces it rather than adding a second.</summary>
    public virtual async Task WriteAsync(AuditRecord record, CancellationToken cancellationToken = default) =>
        await _table.UpsertEntityAsync(ToEntity(record), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Writes many rows (a cycle's planned interventions) as table transactions: rows of one partition go 100 at a time,
    /// so a cycle of 2 500 interventions costs 25 round trips, not 2 500. Each row replaces one with the same keys, as
    /// <see cref="WriteAsync"/> does; a failed transaction fails the call and writes none of its rows.
    /// </summary>
    public virtual async Task WriteAllAsync(IEnumerable<AuditRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var batches = new List<List<TableTransactionAction>>();
        foreach (var partition in records.GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
        {
            // A transaction may not name one row twice: the last record for a key wins, as it would one write after another.
            var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
            foreach (var record in partition)
            {
                rows[record.RowKey] = ToEntity(record);
            }

            List<TableTransactionAction>? batch = null;
            var batchBytes = 0L;
            foreach (var entity in rows.Values)
            {
                var bytes = EstimatedBytes(entity);
                if (batch is null || batch.Count == MaxTransactionRows || batchBytes + bytes > MaxTransactionBytes)
                {
                    batches.Add(batch = new List<TableTransactionAction>(MaxTransactionRows));
                    batchBytes = 0;
                }
                batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
                batchBytes += bytes;
            }
        }
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (batch, ct) => await _table.SubmitTransactionAsync(batch, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>The service's limits are 100 operations and 4 MiB per transaction; the size is estimated with room to spare.</summary>
    private const int MaxTransactionRows = 100;
    private const long MaxTransactionBytes = 2 * 1024 * 1024;

    private static long EstimatedBytes(TableEntity entity)
    {
        // Strings travel as JSON (UTF-8, escaped): six bytes per character is the worst case of an escape; names and values of other types are small.
        long bytes = 512;
        foreach (var (name, value) in entity)
        {
            bytes += 64 + name.Length + (value is string text ? 6L * text.Length : 64);
        }

        return bytes;
    }

    /// <summary>Writes the row unless one with the same keys exists (restores a row a failed attempt could not write, keeps one it did).</summary>
    public virtual async Task WriteIfAbsentAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.AddEntityAsync(ToEntity(record), cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 409)
        {
            // Already recorded.
        }
    }

    /// <summary>The row with these keys, or null.</summary>
    public virtual async Task<AuditRecord?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? FromEntity(found.Value!) : null;
    }

    /// <summary>
    /// Writes a message's outcome row (replacing one with the same keys, as <see cref="WriteAsync"/> does) and marks its
    /// <c>planned</c> row with how the message was applied (<see cref="AuditRecord.AppliedAs"/>: <paramref name="appliedAs"/>,
    /// its other columns kept), in one table transaction: the two land together or not at all, in one round trip. Both rows
    /// sort at the message's planned time, so they share a partition; rows that did not would go one after the other, the
    /// outcome first.
    /// </summary>
    public virtual async Task WriteOutcomeAsync(AuditRecord outcome, AuditRecord planned, AuditOutcome appliedAs, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(planned);
        var mark = new TableEntity(planned.PartitionKey, planned.RowKey) { ["AppliedAs"] = appliedAs.ToWire(), ["AppliedAt"] = at };
        if (outcome.PartitionKey != planned.PartitionKey)
        {
            await _table.UpsertEntityAsync(ToEntity(outcome), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            await _table.UpdateEntityAsync(mark, Azure.ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return;
        }

        await _table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(outcome)),
                new TableTransactionAction(TableTransactionActionType.UpdateMerge, mark, Azure.ETag.All),
            ], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rows in the window, newest first, filtered by campaign and outcome.</summary>
    public virtual async IAsyncEnumerable<AuditRecord> QueryAsync(AuditQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var count = 0;
        for (var day = query.Until.UtcDateTime.Date; day >= query.Since.UtcDateTime.Date; day = day.AddDays(-1))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Day(day)}");
            if (query.CampaignId is not null)
            {
                filter += " and " + TableClient.CreateQueryFilter($"CampaignId eq {query.CampaignId}");
            }

            if (query.Outcome is { } outcome)
            {
                filter += " and " + TableClient.CreateQueryFilter($"Outcome eq {outcome.ToWire()}");
            }

            await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var record = FromEntity(entity);
                if (record.OccurredAt < query.Since || record.OccurredAt > query.Until)
                {
                    continue;
                }

                yield return record;
                if (query.Limit is { } limit && ++count >= limit)
                {
                    yield break;
                }
            }
        }
    }

    private static TableEntity ToEntity(AuditRecord record) => new(record.PartitionKey, record.RowKey)
    {
        ["OccurredAt"] = record.OccurredAt,
        ["Outcome"] = record.Outcome.ToWire(),
        ["Action"] = record.Action,
        ["CampaignId"] = Clip(record.CampaignId),
        ["CampaignName"] = Clip(record.CampaignName),
        ["CampaignStatus"] = Clip(record.CampaignStatus),
        ["Events"] = Clip(record.Events),
        ["Regions"] = Clip(record.Regions),
        ["Severity"] = record.Severity,
        ["AlertIds"] = Clip(record.AlertIds),
        ["Detail"] = Clip(record.Detail),
        ["CycleId"] = record.CycleId,
        ["MessageId"] = Clip(record.MessageId),
        ["Attempt"] = record.Attempt,
        ["DryRun"] = record.DryRun,
        ["Discriminator"] = Clip(record.Discriminator),
        ["SortTime"] = record.SortTime,
        ["AppliedAs"] = record.AppliedAs,
        ["AppliedAt"] = record.AppliedAt,
    };

    private static AuditRecord FromEntity(TableEntity entity) => new()
    {
        OccurredAt = entity.GetDateTimeOffset("OccurredAt") ?? entity.Timestamp ?? default,
        Outcome = AuditOutcomes.TryParse(entity.GetString("Outcome"), out var outcome) ? outcome : AuditOutcome.Failed,
        Discriminator = entity.GetString("Discriminator") ?? entity.RowKey,
        SortTime = entity.GetDateTimeOffset("SortTime"),
        Action = entity.GetString("Action"),
        CampaignId = entity.GetString("CampaignId"),
        CampaignName = entity.GetString("CampaignName"),
        CampaignStatus = entity.GetString("CampaignStatus"),
        Events = entity.GetString("Events"),
        Regions = entity.GetString("Regions"),
        Severity = entity.GetString("Severity"),
        AlertIds = entity.GetString("AlertIds"),
        Detail = entity.GetString("Detail"),
        CycleId = entity.GetString("CycleId"),
        MessageId = entity.GetString("MessageId"),
        Attempt = entity.GetInt64("Attempt"),
        DryRun = entity.GetBoolean("DryRun") ?? false,
        AppliedAs = entity.GetString("AppliedAs"),
        AppliedAt = entity.GetDateTimeOffset("AppliedAt"),
    };

    // A table property holds at most 64 KiB; a hostile or huge value is cut, and says so.
    private static string? Clip(string? value) =>
        value is { Length: > MaxColumnLength } ? value[..MaxColumnLength] + " …(cut)" : value;
}
