using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Core.Operations;

/// <summary>What an operator's hold command did.</summary>
public enum ManualHoldChange
{
    /// <summary>The reason was set (or replaced) on an existing ledger row.</summary>
    Set,
    /// <summary>There was no ledger row: one was created that carries the reason to the next weather pause.</summary>
    Created,
    /// <summary>The reason was cleared.</summary>
    Released,
    /// <summary>There was nothing to release.</summary>
    Unchanged,
}

public sealed record ManualHoldResult(ManualHoldChange Change, WeatherHold? Hold);

/// <summary>
/// Manual holds (<c>holds add</c> / <c>holds release</c>): an operator keeps a campaign paused whatever the weather says.
/// The reason lives on the campaign's ledger row (<see cref="WeatherHold.ManualHoldReason"/>); the planner never resumes a
/// hold that carries one, and the pause handler carries it onto a new hold. Each change writes an audit row.
/// </summary>
public class OperatorHolds(HoldLedger ledger, AuditTrail audit, TimeProvider timeProvider)
{
    private const int MaxAttempts = 3;
    public const int MaxReasonLength = 500;

    /// <summary>The rows worth showing an operator: active holds (pausing or held) and any row carrying a manual hold.</summary>
    public virtual async Task<IReadOnlyList<WeatherHold>> ListAsync(bool includeClosed = false, CancellationToken cancellationToken = default)
    {
        var rows = await ledger.ListAsync(cancellationToken).ConfigureAwait(false);
        return rows
            .Where(h => includeClosed || h.IsActive || h.ManualHoldReason is not null)
            .OrderByDescending(h => h.IsActive)
            .ThenBy(h => h.PausedAt ?? h.UpdatedAt)
            .ThenBy(h => h.CampaignId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Sets the manual hold reason; a campaign without a ledger row gets one that only carries it (<see cref="WeatherHold.ManualOnly"/>).
    /// </summary>
    public virtual async Task<ManualHoldResult> AddAsync(string campaignId, string? campaignName, string reason, string? by, CancellationToken cancellationToken = default)
    {
        if (!CampaignId.IsSafe(campaignId, out var unsafeReason))
        {
            throw new UnsafeCampaignIdException(unsafeReason);
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        reason = reason.Trim();
        if (reason.Length > MaxReasonLength)
        {
            throw new ArgumentException($"The reason is {reason.Length} characters long (at most {MaxReasonLength}).", nameof(reason));
        }

        for (var attempt = 1; ; attempt++)
        {
            var now = timeProvider.GetUtcNow();
            var existing = await ledger.GetAsync(campaignId, cancellationToken).ConfigureAwait(false);
            var hold = existing is null ? WeatherHold.ManualOnly(campaignId, campaignName, reason, now) : existing.WithManualHold(reason, campaignName, now);
            try
            {
                var saved = await ledger.SaveAsync(hold, cancellationToken).ConfigureAwait(false);
                await audit.WriteAsync(AuditRows.ManualHold(AuditOutcome.ManualHold, saved, existing?.State.ToString(), $"Manual hold{By(by)}: {reason}", now),
                    cancellationToken).ConfigureAwait(false);
                return new ManualHoldResult(existing is null ? ManualHoldChange.Created : ManualHoldChange.Set, saved);
            }
            catch (HoldConflictException) when (attempt < MaxAttempts)
            {
                // A cycle or an intervention wrote the row meanwhile: read it again and set the reason on the newer row.
            }
        }
    }

    /// <summary>Clears the manual hold reason; the next cycle resumes the campaign once the weather has been clear long enough.</summary>
    public virtual async Task<ManualHoldResult> ReleaseAsync(string campaignId, string? by, CancellationToken cancellationToken = default)
    {
        if (!CampaignId.IsSafe(campaignId, out var unsafeReason))
        {
            throw new UnsafeCampaignIdException(unsafeReason);
        }

        for (var attempt = 1; ; attempt++)
        {
            var now = timeProvider.GetUtcNow();
            var existing = await ledger.GetAsync(campaignId, cancellationToken).ConfigureAwait(false);
            if (existing?.ManualHoldReason is not { } previous)
            {
                return new ManualHoldResult(ManualHoldChange.Unchanged, existing);
            }

            try
            {
                var saved = await ledger.SaveAsync(existing.WithoutManualHold(now), cancellationToken).ConfigureAwait(false);
                await audit.WriteAsync(AuditRows.ManualHold(AuditOutcome.ManualRelease, saved, saved.State.ToString(), $"Manual hold released{By(by)} (was: {previous})", now),
                    cancellationToken).ConfigureAwait(false);
                return new ManualHoldResult(ManualHoldChange.Released, saved);
            }
            catch (HoldConflictException) when (attempt < MaxAttempts)
            {
            }
        }
    }

    private static string By(string? by) => string.IsNullOrWhiteSpace(by) ? "" : " by " + by.Trim();
}
