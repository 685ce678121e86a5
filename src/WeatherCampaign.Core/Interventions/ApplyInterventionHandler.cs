using Microsoft.Extensions.Logging;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Planning;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Core.Interventions;

/// <summary>
/// Applies one intervention message: re-validate, record the intent in the ledger, PATCH, classify a 409,
/// record the outcome. A transient failure throws so the queue retries the message; a retried or duplicated
/// message never changes a campaign twice, and its audit rows land on the same keys.
/// </summary>
public sealed partial class ApplyInterventionHandler(
    ICampaignPlatform platform,
    HoldLedger ledger,
    AuditTrail audit,
    TimeProvider timeProvider,
    ILogger<ApplyInterventionHandler> logger)
{
    /// <param name="body">The message text as the queue delivered it (already Base64-decoded).</param>
    /// <param name="dequeueCount">Which delivery this is (1 for the first).</param>
    public async Task<AuditOutcome> HandleAsync(string body, long dequeueCount, CancellationToken cancellationToken = default)
    {
        InterventionMessage message;
        try
        {
            message = InterventionMessage.Parse(body);
        }
        catch (InvalidInterventionMessageException ex)
        {
            await RejectAsync(body, dequeueCount, ex, cancellationToken).ConfigureAwait(false);
            return AuditOutcome.Rejected;
        }

        try
        {
            return message.ParsedAction == InterventionAction.Pause
                ? await PauseAsync(message, dequeueCount, cancellationToken).ConfigureAwait(false)
                : await ResumeAsync(message, dequeueCount, cancellationToken).ConfigureAwait(false);
        }
        catch (CampaignApiException ex) when (!ex.IsTransient && ex is not CampaignAuthenticationException)
        {
            // A permanent refusal (400, 403 …): retrying cannot help, so it is recorded and the message completed.
            await WriteAsync(message, AuditOutcome.Failed, dequeueCount, null, $"The platform refused the change: {ex.Message}", cancellationToken).ConfigureAwait(false);
            LogInterventionFailed(logger, message.Id, CampaignId.ForDisplay(message.CampaignId), ex.Message);
            return AuditOutcome.Failed;
        }
        catch (Exception ex) when (ex is CampaignApiException or HoldConflictException)
        {
            LogWillRetry(logger, message.Id, CampaignId.ForDisplay(message.CampaignId), dequeueCount, ex.Message);
            throw;
        }
    }

    private async Task<AuditOutcome> PauseAsync(InterventionMessage message, long attempt, CancellationToken cancellationToken)
    {
        // The intent goes into the ledger before the PATCH, so no status change of ours is ever untracked. When the planner saw
        // no row for the campaign, the first delivery creates the intent straight away: creating fails if a row exists, so
        // this is the read-then-create below without the read. A retried delivery reads first (its own intent may be there).
        WeatherHold? created = null;
        if (message.NoLedgerRow == true && attempt == 1)
        {
            try
            {
                created = await ledger.SaveAsync(Intent(message, null), cancellationToken).ConfigureAwait(false);
            }
            catch (HoldConflictException)
            {
                // A row appeared since the cycle read the ledger: read it and decide as for any other message.
            }
        }

        var hold = created ?? await ledger.GetAsync(message.CampaignId, cancellationToken).ConfigureAwait(false);
        var mine = created is null && hold?.MessageId == message.Id;
        var earlierAttempt = mine && hold!.State == HoldState.Pausing;
        var duplicate = mine && hold!.State == HoldState.Held;
        // An earlier intervention of the service (a slow message overtaken by a newer cycle's) already holds or is pausing it.
        var heldBefore = created is null && !mine && hold is { IsActive: true };
        var earlierIntervention = heldBefore ? hold!.MessageId ?? "(unknown)" : null;

        if (created is null && !mine)
            hold = await ledger.SaveAsync(Intent(message, hold, heldBefore), cancellationToken).ConfigureAwait(false);

        var change = await platform.SetStatusAsync(message.CampaignId, CampaignStatus.Paused, cancellationToken).ConfigureAwait(false);
        var current = change.Current?.RawStatus;
        switch (change.Outcome)
        {
            case StatusChangeOutcome.Changed:
                return await BothAsync(HoldAsync(hold!, cancellationToken),
                    WriteAsync(message, AuditOutcome.Paused, attempt, current, null, cancellationToken)).ConfigureAwait(false);

            case StatusChangeOutcome.AlreadyInStatus when earlierAttempt:
                // An earlier delivery paused it and then failed before recording that: it is ours.
                return await BothAsync(HoldAsync(hold!, cancellationToken), WriteAsync(message, AuditOutcome.Paused, attempt, current,
                    "Paused by an earlier attempt of this intervention; recorded on this one.", cancellationToken)).ConfigureAwait(false);

            case StatusChangeOutcome.AlreadyInStatus when duplicate:
                await RestoreOutcomeRowAsync(message, AuditOutcome.Paused, attempt, current, cancellationToken).ConfigureAwait(false);
                return await WriteAsync(message, AuditOutcome.Skipped, attempt, current,
                    "Duplicate delivery: this intervention already paused the campaign; nothing changed.", cancellationToken).ConfigureAwait(false);

            case StatusChangeOutcome.AlreadyInStatus when heldBefore:
                // Here and for someone else's pause below, one write after the other: had the ledger write failed after the
                // audit row, the retry would take the hold for its own earlier attempt and add a second, contradicting row.
                await HoldAsync(hold!, cancellationToken).ConfigureAwait(false);
                return await WriteAsync(message, AuditOutcome.Skipped, attempt, current,
                    $"Already paused under the service's earlier intervention {earlierIntervention}; still held by the service.", cancellationToken).ConfigureAwait(false);

            case StatusChangeOutcome.AlreadyInStatus when change.EarlierAttemptUnanswered:
                // Our first PATCH timed out (or failed unclearly) after the platform applied it; the retry's 409 is our own change.
                return await BothAsync(HoldAsync(hold!, cancellationToken), WriteAsync(message, AuditOutcome.Paused, attempt, current,
                    "Paused by an attempt that got no answer in time; its retry found the campaign paused.", cancellationToken)).ConfigureAwait(false);

            case StatusChangeOutcome.AlreadyInStatus:
                // One after the other, as above.
                await EndAsync(hold!, "Someone else paused it before the service did; not ours to resume.", cancellationToken).ConfigureAwait(false);
                return await WriteAsync(message, AuditOutcome.Skipped, attempt, current,
                    "Already paused by someone else; the service will not resume it.", cancellationToken).ConfigureAwait(false);

            case StatusChangeOutcome.Conflict:
                return await BothAsync(EndAsync(hold!, $"The campaign is {current}; not forced.", cancellationToken), WriteAsync(message, AuditOutcome.Conflict, attempt, current,
                    $"409: the campaign is '{current}', which the service must not force.", cancellationToken)).ConfigureAwait(false);

            default:
                return await BothAsync(EndAsync(hold!, "The campaign no longer exists.", cancellationToken),
                    WriteAsync(message, AuditOutcome.Gone, attempt, null, "404: the campaign no longer exists.", cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <summary>The Pausing row written before the PATCH, keeping what the existing row (if any) must carry over.</summary>
    private WeatherHold Intent(InterventionMessage message, WeatherHold? existing, bool heldBefore = false) => new()
    {
        CampaignId = message.CampaignId,
        CampaignName = message.CampaignName ?? existing?.CampaignName ?? "",
        State = HoldState.Pausing,
        AlertIds = message.Reason?.AlertIds ?? [],
        Events = message.Reason?.Events ?? [],
        Regions = message.Reason?.Regions ?? [],
        Severity = message.Reason?.Severity,
        PausedAt = heldBefore ? existing!.PausedAt : null,
        LastAffectedAt = message.PlannedAt,
        UpdatedAt = timeProvider.GetUtcNow(),
        MessageId = message.Id,
        SuppressedAlertIds = existing?.SuppressedAlertIds ?? [],
        ManualHoldReason = existing?.ManualHoldReason,
        ETag = existing?.ETag ?? default,
    };

    private async Task<AuditOutcome> ResumeAsync(InterventionMessage message, long attempt, CancellationToken cancellationToken)
    {
        var hold = await ledger.GetAsync(message.CampaignId, cancellationToken).ConfigureAwait(false);
        if (hold is { State: HoldState.Released } && hold.MessageId == message.Id)
        {
            await RestoreOutcomeRowAsync(message, AuditOutcome.Resumed, attempt, null, cancellationToken).ConfigureAwait(false);
            return await WriteAsync(message, AuditOutcome.Skipped, attempt, null,
                "Duplicate delivery: this intervention already resumed the campaign; nothing changed.", cancellationToken).ConfigureAwait(false);
        }
        if (hold is null || !hold.IsActive)
        {
            return await WriteAsync(message, AuditOutcome.Skipped, attempt, null,
                $"The service does not hold this campaign ({(hold is null ? "no hold" : "hold " + hold.State)}); a resume is not ours to make.", cancellationToken).ConfigureAwait(false);
        }
        if (hold.ManualHoldReason is { } manual)
            return await WriteAsync(message, AuditOutcome.Skipped, attempt, null, $"Held by an operator: {manual}", cancellationToken).ConfigureAwait(false);

        var earlierAttempt = hold.MessageId == message.Id;
        if (!earlierAttempt)
            hold = await ledger.SaveAsync(hold with { MessageId = message.Id, UpdatedAt = timeProvider.GetUtcNow() }, cancellationToken).ConfigureAwait(false);

        var change = await platform.SetStatusAsync(message.CampaignId, CampaignStatus.Running, cancellationToken).ConfigureAwait(false);
        var current = change.Current?.RawStatus;
        switch (change.Outcome)
        {
            case StatusChangeOutcome.Changed:
                return await BothAsync(ReleaseAsync(hold, cancellationToken),
                    WriteAsync(message, AuditOutcome.Resumed, attempt, current, null, cancellationToken)).ConfigureAwait(false);

            case StatusChangeOutcome.AlreadyInStatus when earlierAttempt || change.EarlierAttemptUnanswered:
                return await BothAsync(ReleaseAsync(hold, cancellationToken), WriteAsync(message, AuditOutcome.Resumed, attempt, current,
                    "Resumed by an earlier attempt of this intervention; recorded on this one.", cancellationToken)).ConfigureAwait(false);

            case StatusChangeOutcome.AlreadyInStatus:
                // One after the other, for the reason given at the pause's heldBefore case.
                await ledger.SaveAsync(hold with
                {
                    State = HoldState.Overridden,
                    SuppressedAlertIds = hold.SuppressedAlertIds.Concat(hold.AlertIds).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
                    UpdatedAt = timeProvider.GetUtcNow(),
                    Note = "A person resumed it before the service did.",
                }, cancellationToken).ConfigureAwait(false);
                return await WriteAsync(message, AuditOutcome.Skipped, attempt, current, "Already running: a person resumed it first.", cancellationToken).ConfigureAwait(false);

            case StatusChangeOutcome.Conflict:
                return await BothAsync(EndAsync(hold, $"The campaign is {current}; not forced.", cancellationToken), WriteAsync(message, AuditOutcome.Conflict, attempt, current,
                    $"409: the campaign is '{current}', which the service must not force.", cancellationToken)).ConfigureAwait(false);

            default:
                return await BothAsync(EndAsync(hold, "The campaign no longer exists.", cancellationToken),
                    WriteAsync(message, AuditOutcome.Gone, attempt, null, "404: the campaign no longer exists.", cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The ledger update and the audit row after a PATCH, written side by side (each is a storage round trip). Both are
    /// idempotent, and a retry after either fails takes the hold still marked with this message for its own earlier
    /// attempt, so it converges on the same hold state and the same audit row (same keys).
    /// </summary>
    private static async Task<AuditOutcome> BothAsync(Task ledgerWrite, Task<AuditOutcome> auditWrite)
    {
        await Task.WhenAll(ledgerWrite, auditWrite).ConfigureAwait(false);
        return await auditWrite.ConfigureAwait(false);
    }

    // Async, so that a ledger failing at once still fails the task rather than the call, and the audit row goes out alongside.
    private async Task HoldAsync(WeatherHold hold, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await ledger.SaveAsync(hold with { State = HoldState.Held, PausedAt = hold.PausedAt ?? now, UpdatedAt = now }, cancellationToken).ConfigureAwait(false);
    }

    private async Task ReleaseAsync(WeatherHold hold, CancellationToken cancellationToken) =>
        await ledger.SaveAsync(hold with { State = HoldState.Released, UpdatedAt = timeProvider.GetUtcNow(), Note = "Resumed by the service." }, cancellationToken).ConfigureAwait(false);

    private async Task EndAsync(WeatherHold hold, string note, CancellationToken cancellationToken) =>
        await ledger.SaveAsync(hold with { State = HoldState.Ended, UpdatedAt = timeProvider.GetUtcNow(), Note = note }, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// On a repeated delivery of a message whose change is already in the ledger, writes its outcome row if it is missing:
    /// the earlier delivery may have recorded the hold and then failed to write the row.
    /// </summary>
    private Task RestoreOutcomeRowAsync(InterventionMessage message, AuditOutcome outcome, long attempt, string? campaignStatus, CancellationToken cancellationToken) =>
        audit.WriteIfAbsentAsync(AuditRows.ForMessage(message, outcome, timeProvider.GetUtcNow(), attempt, campaignStatus,
            "Recorded on a repeated delivery: the earlier one changed the campaign but could not write this row."), cancellationToken);

    private async Task<AuditOutcome> WriteAsync(
        InterventionMessage message, AuditOutcome outcome, long attempt, string? campaignStatus, string? detail, CancellationToken cancellationToken)
    {
        await audit.WriteAsync(AuditRows.ForMessage(message, outcome, timeProvider.GetUtcNow(), attempt, campaignStatus, detail), cancellationToken).ConfigureAwait(false);
        LogApplied(logger, message.Id, message.Action, CampaignId.ForDisplay(message.CampaignId), outcome);
        return outcome;
    }

    private async Task RejectAsync(string? body, long attempt, InvalidInterventionMessageException ex, CancellationToken cancellationToken)
    {
        var digest = TableKeys.Digest(body);
        await audit.WriteAsync(new AuditRecord
        {
            OccurredAt = timeProvider.GetUtcNow(),
            Outcome = AuditOutcome.Rejected,
            Discriminator = "rejected_" + digest,
            CampaignId = ex.CampaignId is null ? null : CampaignId.ForDisplay(ex.CampaignId),
            Detail = $"{ex.Message} Message digest {digest}, {body?.Length ?? 0} characters; not retried.",
            Attempt = attempt,
        }, cancellationToken).ConfigureAwait(false);
        LogRejected(logger, digest, ex.Message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Intervention {MessageId} ({Action}) on campaign {CampaignId}: {Outcome}")]
    private static partial void LogApplied(ILogger logger, string messageId, string action, string campaignId, AuditOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intervention {MessageId} on campaign {CampaignId} failed on attempt {Attempt} and goes back to the queue: {Reason}")]
    private static partial void LogWillRetry(ILogger logger, string messageId, string campaignId, long attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Intervention failed: {MessageId} on campaign {CampaignId}: {Reason}")]
    private static partial void LogInterventionFailed(ILogger logger, string messageId, string campaignId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected an intervention message (digest {Digest}): {Reason}")]
    private static partial void LogRejected(ILogger logger, string digest, string reason);
}
