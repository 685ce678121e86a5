using Azure.Data.Tables;
using WeatherCampaign.Core.Telemetry;

namespace WeatherCampaign.Core.Storage;

/// <summary>The audit trail, counting each row it wrote by outcome: one seam sees every intervention's fate, whichever handler wrote it.</summary>
public sealed class MeteredAuditTrail(TableServiceClient tables, WeatherCampaignMetrics metrics) : AuditTrail(tables)
{
    public override async Task WriteAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await base.WriteAsync(record, cancellationToken).ConfigureAwait(false);
        Count(record);
    }

    public override async Task WriteAllAsync(IEnumerable<AuditRecord> records, CancellationToken cancellationToken = default)
    {
        var rows = records?.ToList() ?? throw new ArgumentNullException(nameof(records));
        await base.WriteAllAsync(rows, cancellationToken).ConfigureAwait(false);
        rows.ForEach(Count);
    }

    public override async Task WriteIfAbsentAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await base.WriteIfAbsentAsync(record, cancellationToken).ConfigureAwait(false);
        Count(record);
    }

    public override async Task WriteOutcomeAsync(AuditRecord outcome, AuditRecord planned, AuditOutcome appliedAs, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        await base.WriteOutcomeAsync(outcome, planned, appliedAs, at, cancellationToken).ConfigureAwait(false);
        Count(outcome);
    }

    private void Count(AuditRecord record) => metrics.Recorded(record.Outcome.ToWire(), record.Action, record.DryRun);
}
