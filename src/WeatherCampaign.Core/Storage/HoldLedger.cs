using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Serialization;

namespace WeatherCampaign.Core.Storage;

/// <summary>The <c>weatherholds</c> table: one row per campaign the service paused, written with optimistic concurrency.</summary>
public class HoldLedger
{
    public const string TableName = "weatherholds";
    private const string Partition = "hold";
    private const string ApprovalPartition = "approval";
    private const string StandingApprovalRow = "ApproveNextLargeCycle";
    private const string ServicePartition = "service";
    private const string HaltRow = "Halt";
    private const string PollPartition = "poll";
    private const string PollRow = "state";
    private readonly TableClient _table;

    /// <param name="tableName">Another table than <see cref="TableName"/>, for tests that must not share one.</param>
    public HoldLedger(TableServiceClient tables, string tableName = TableName) => _table = tables.GetTableClient(tableName);

    /// <summary>For mocking.</summary>
    protected HoldLedger() => _table = null!;

    public virtual async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Every row, active or closed (closed rows still carry the alerts a person overrode).</summary>
    public virtual async Task<IReadOnlyList<WeatherHold>> ListAsync(CancellationToken cancellationToken = default)
    {
        var holds = new List<WeatherHold>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            holds.Add(FromEntity(entity));
        }

        return holds;
    }

    public virtual async Task<WeatherHold?> GetAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(campaignId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? FromEntity(found.Value!) : null;
    }

    /// <summary>
    /// Creates the row when <see cref="WeatherHold.Version"/> is null, else replaces it if unchanged since it was read (the
    /// version is the row's ETag).
    /// Returns the hold with its new version; throws <see cref="HoldConflictException"/> when someone else got there first.
    /// </summary>
    public virtual async Task<WeatherHold> SaveAsync(WeatherHold hold, CancellationToken cancellationToken = default)
    {
        var entity = ToEntity(hold);
        try
        {
            var response = hold.Version is null
                ? await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)
                : await _table.UpdateEntityAsync(entity, new ETag(hold.Version), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return hold with { Version = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new HoldConflictException(hold.CampaignId, ex);
        }
    }

    /// <summary>
    /// Uses <c>Policy:ApproveNextLargeCycle</c> for one cycle: true the first time, false while the setting stays on
    /// after that (so one setting lets one large cycle through), until <see cref="ClearStandingApprovalAsync"/>.
    /// </summary>
    public virtual async Task<bool> TryUseStandingApprovalAsync(string cycleId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(ApprovalPartition, StandingApprovalRow)
            {
                ["UsedByCycle"] = cycleId,
                ["UsedAt"] = now,
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Forgets that the standing approval was used (the setting was turned off), so turning it on approves again.</summary>
    public virtual async Task ClearStandingApprovalAsync(CancellationToken cancellationToken = default) =>
        // A row that is not there (nothing was used) is answered 404 without an exception: nothing to forget.
        await _table.DeleteEntityAsync(ApprovalPartition, StandingApprovalRow, cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>The operator's kill switch (<c>weathercampaign halt</c>), or null when the service is not halted that way.</summary>
    public virtual async Task<ServiceHalt?> GetHaltAsync(CancellationToken cancellationToken = default)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(ServicePartition, HaltRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue && found.Value is { } row
            ? new ServiceHalt(row.GetString("By") ?? "", row.GetString("Reason") ?? "", row.GetDateTimeOffset("Since") ?? row.Timestamp ?? default)
            : null;
    }

    /// <summary>Turns the kill switch on; a second halt replaces the first's reason.</summary>
    public virtual async Task SetHaltAsync(ServiceHalt halt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(halt);
        await _table.UpsertEntityAsync(new TableEntity(ServicePartition, HaltRow)
        {
            ["By"] = halt.By,
            ["Reason"] = halt.Reason,
            ["Since"] = halt.Since,
        }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Turns the kill switch off; false when it was not on.</summary>
    public virtual async Task<bool> ClearHaltAsync(CancellationToken cancellationToken = default)
    {
        // The SDK answers a delete of a missing row with its 404 response rather than an exception.
        var response = await _table.DeleteEntityAsync(ServicePartition, HaltRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Status != 404;
    }

    /// <summary>What the feed poll remembered last; null when nothing was saved yet (a fresh account).</summary>
    public virtual async Task<PollState?> GetPollStateAsync(CancellationToken cancellationToken = default)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(PollPartition, PollRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!found.HasValue || found.Value!.GetString("AlertFingerprint") is not { } fingerprint
            || found.Value.GetDateTimeOffset("LastFullCycleAt") is not { } lastFull)
        {
            return null;
        }

        var entity = found.Value;
        return new PollState(fingerprint, lastFull, entity.GetDateTimeOffset("LastPollAt") ?? lastFull, entity.GetInt32("LightPollsSinceFullCycle") ?? 0);
    }

    /// <summary>
    /// Overwrites the poll's one row. Last writer wins, on purpose: two pollers at once (the timer and an operator's <c>run</c>)
    /// both read the feeds, and whichever state is kept costs at most one extra full cycle.
    /// </summary>
    public virtual async Task SavePollStateAsync(PollState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        await _table.UpsertEntityAsync(new TableEntity(PollPartition, PollRow)
        {
            ["AlertFingerprint"] = state.AlertFingerprint,
            ["LastFullCycleAt"] = state.LastFullCycleAt,
            ["LastPollAt"] = state.LastPollAt,
            ["LightPollsSinceFullCycle"] = state.LightPollsSinceFullCycle,
        }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private static TableEntity ToEntity(WeatherHold hold) => new(Partition, TableKeys.Escape(hold.CampaignId))
    {
        ["CampaignId"] = hold.CampaignId,
        ["CampaignName"] = hold.CampaignName,
        ["State"] = hold.State.ToString(),
        ["AlertIds"] = JsonSerializer.Serialize(hold.AlertIds, WeatherCampaignJson.Options),
        ["Events"] = JsonSerializer.Serialize(hold.Events, WeatherCampaignJson.Options),
        ["Regions"] = JsonSerializer.Serialize(hold.Regions, WeatherCampaignJson.Options),
        ["Severity"] = hold.Severity,
        ["PausedAt"] = hold.PausedAt,
        ["LastAffectedAt"] = hold.LastAffectedAt,
        ["UpdatedAt"] = hold.UpdatedAt,
        ["SuppressedAlertIds"] = JsonSerializer.Serialize(hold.SuppressedAlertIds, WeatherCampaignJson.Options),
        ["Lineage"] = JsonSerializer.Serialize(hold.Lineage, WeatherCampaignJson.Options),
        ["EventEnds"] = hold.EventEnds.Count == 0 ? null : JsonSerializer.Serialize(hold.EventEnds, WeatherCampaignJson.Options),
        ["ResumeHeldBy"] = hold.ResumeHeldBy,
        ["ResumeHeldUntil"] = hold.ResumeHeldUntil,
        ["MessageId"] = hold.MessageId,
        ["ManualHoldReason"] = hold.ManualHoldReason,
        ["Note"] = hold.Note,
    };

    private static WeatherHold FromEntity(TableEntity entity) => new()
    {
        CampaignId = entity.GetString("CampaignId") ?? "",
        CampaignName = entity.GetString("CampaignName") ?? "",
        State = Enum.TryParse<HoldState>(entity.GetString("State"), out var state) ? state : HoldState.Ended,
        AlertIds = ReadList(entity, "AlertIds"),
        Events = ReadList(entity, "Events"),
        Regions = ReadList(entity, "Regions"),
        Severity = entity.GetString("Severity"),
        PausedAt = entity.GetDateTimeOffset("PausedAt"),
        LastAffectedAt = entity.GetDateTimeOffset("LastAffectedAt"),
        UpdatedAt = entity.GetDateTimeOffset("UpdatedAt") ?? entity.Timestamp ?? default,
        SuppressedAlertIds = ReadList(entity, "SuppressedAlertIds"),
        Lineage = ReadLineage(entity),
        EventEnds = ReadEnds(entity),
        ResumeHeldBy = entity.GetString("ResumeHeldBy"),
        ResumeHeldUntil = entity.GetDateTimeOffset("ResumeHeldUntil"),
        MessageId = entity.GetString("MessageId"),
        ManualHoldReason = entity.GetString("ManualHoldReason"),
        Note = entity.GetString("Note"),
        Version = entity.ETag.ToString(),
    };

    /// <summary>
    /// A row written before lineage was kept has none, and an unreadable one is read as none: its alerts are still known by
    /// id (<see cref="WeatherHold.AlertIds"/>, <see cref="WeatherHold.SuppressedAlertIds"/>), so the hold is never lost over it.
    /// </summary>
    private static IReadOnlyList<LineageEntry> ReadLineage(TableEntity entity)
    {
        try
        {
            return entity.GetString("Lineage") is { Length: > 0 } json
                ? JsonSerializer.Deserialize<List<LineageEntry>>(json, WeatherCampaignJson.Options)?.Where(e => e?.AlertId is not null).ToList() ?? []
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>A row written before the column existed has none: its hold counts <c>Policy:HoldAfter</c> from when it was last affected.</summary>
    private static IReadOnlyDictionary<string, DateTimeOffset> ReadEnds(TableEntity entity) =>
        entity.GetString("EventEnds") is { Length: > 0 } json
            && JsonSerializer.Deserialize<Dictionary<string, DateTimeOffset>>(json, WeatherCampaignJson.Options) is { } ends
            ? new Dictionary<string, DateTimeOffset>(ends, StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);

    private static IReadOnlyList<string> ReadList(TableEntity entity, string column) =>
        entity.GetString(column) is { Length: > 0 } json
            ? JsonSerializer.Deserialize<List<string>>(json, WeatherCampaignJson.Options) ?? []
            : [];
}
