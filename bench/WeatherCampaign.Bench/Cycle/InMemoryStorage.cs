using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Bench.Cycle;

/// <summary>Where the cycle keeps its ledger, audit trail and queue: Azurite, or process memory.</summary>
internal enum StorageMode
{
    Azurite,
    Memory,
}

/// <summary>
/// The <c>weatherholds</c> table in memory, for measuring a cycle with the campaign API as its only limit. Table semantics are
/// kept: a save without a version creates the row (409 if it exists), a save with one replaces it only if unchanged (412).
/// </summary>
internal sealed class InMemoryHoldLedger : HoldLedger
{
    private readonly ConcurrentDictionary<string, WeatherHold> _holds = new(StringComparer.Ordinal);
    private long _version;
    private int _approvalUsed;
    private ServiceHalt? _halt;
    private PollState? _pollState;

    public override Task EnsureCreatedAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public override Task<IReadOnlyList<WeatherHold>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<WeatherHold>>([.. _holds.Values]);

    public override Task<WeatherHold?> GetAsync(string campaignId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_holds.GetValueOrDefault(campaignId));

    public override Task<WeatherHold> SaveAsync(WeatherHold hold, CancellationToken cancellationToken = default)
    {
        var saved = hold with { Version = Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture) };
        if (hold.Version is null)
        {
            if (!_holds.TryAdd(hold.CampaignId, saved))
            {
                throw Conflict(hold, 409);
            }

            return Task.FromResult(saved);
        }
        if (!_holds.TryGetValue(hold.CampaignId, out var current))
        {
            throw new RequestFailedException(404, "The hold does not exist.");
        }
        // TryUpdate compares with the row just read, so a replace that raced another one fails as an ETag mismatch would.
        if (current.Version != hold.Version || !_holds.TryUpdate(hold.CampaignId, saved, current))
        {
            throw Conflict(hold, 412);
        }

        return Task.FromResult(saved);
    }

    public override Task<bool> TryUseStandingApprovalAsync(string cycleId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Task.FromResult(Interlocked.Exchange(ref _approvalUsed, 1) == 0);

    public override Task ClearStandingApprovalAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Exchange(ref _approvalUsed, 0);
        return Task.CompletedTask;
    }

    public override Task<ServiceHalt?> GetHaltAsync(CancellationToken cancellationToken = default) => Task.FromResult(Volatile.Read(ref _halt));

    public override Task SetHaltAsync(ServiceHalt halt, CancellationToken cancellationToken = default)
    {
        Volatile.Write(ref _halt, halt);
        return Task.CompletedTask;
    }

    public override Task<bool> ClearHaltAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Interlocked.Exchange(ref _halt, null) is not null);

    public override Task<PollState?> GetPollStateAsync(CancellationToken cancellationToken = default) => Task.FromResult(Volatile.Read(ref _pollState));

    public override Task SavePollStateAsync(PollState state, CancellationToken cancellationToken = default)
    {
        Volatile.Write(ref _pollState, state);
        return Task.CompletedTask;
    }

    private static HoldConflictException Conflict(WeatherHold hold, int status) =>
        new(hold.CampaignId, new RequestFailedException(status, status == 409 ? "The hold already exists." : "The hold changed since it was read."));
}

/// <summary>The <c>audit</c> table in memory: rows keyed as in the table, so writing a record again replaces it.</summary>
internal sealed class InMemoryAuditTrail : AuditTrail
{
    private readonly ConcurrentDictionary<(string Partition, string Row), AuditRecord> _rows = new();

    public override Task EnsureCreatedAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public override Task WriteAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        _rows[(record.PartitionKey, record.RowKey)] = record;
        return Task.CompletedTask;
    }

    public override Task WriteAllAsync(IEnumerable<AuditRecord> records, CancellationToken cancellationToken = default)
    {
        foreach (var record in records)
        {
            _rows[(record.PartitionKey, record.RowKey)] = record;
        }

        return Task.CompletedTask;
    }

    public override Task WriteIfAbsentAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        _rows.TryAdd((record.PartitionKey, record.RowKey), record);
        return Task.CompletedTask;
    }

    public override Task<AuditRecord?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default) =>
        Task.FromResult(_rows.TryGetValue((partitionKey, rowKey), out var row) ? row : null);

    public override Task WriteOutcomeAsync(AuditRecord outcome, AuditRecord planned, AuditOutcome appliedAs, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        _rows[(outcome.PartitionKey, outcome.RowKey)] = outcome;
        _rows.AddOrUpdate((planned.PartitionKey, planned.RowKey), _ => planned with { AppliedAs = appliedAs.ToWire(), AppliedAt = at },
            (_, row) => row with { AppliedAs = appliedAs.ToWire(), AppliedAt = at });
        return Task.CompletedTask;
    }

    public override IAsyncEnumerable<AuditRecord> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var rows = _rows
            .OrderByDescending(r => r.Key.Partition, StringComparer.Ordinal) // newest day first, newest first within it
            .ThenBy(r => r.Key.Row, StringComparer.Ordinal)
            .Select(r => r.Value)
            .Where(r => r.OccurredAt >= query.Since && r.OccurredAt <= query.Until)
            .Where(r => query.CampaignId is null || r.CampaignId == query.CampaignId)
            .Where(r => query.Outcome is null || r.Outcome == query.Outcome);
        return (query.Limit is { } limit ? rows.Take(limit) : rows).ToAsyncEnumerable();
    }
}
