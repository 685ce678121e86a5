using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Planning;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Core.Interventions;

/// <summary>
/// Applies one intervention message: re-validate, classify where the ledger stands, record the intent, ask the platform for
/// the status, classify its answer, record the outcome. A transient failure throws so the queue retries the message; a retried or duplicated
/// message never changes a campaign twice, and its audit rows land on the same keys.
/// </summary>
public sealed partial class ApplyInterventionHandler(
    ICampaignPlatform platform,
    HoldLedger ledger,
    AuditTrail audit,
    StorageClients storage,
    IOptionsMonitor<PolicyOptions> policy,
    TimeProvider timeProvider,
    ILogger<ApplyInterventionHandler> logger,
    IOptions<QueueDeliveryOptions> queueDelivery)
{
    /// <summary>How far ahead of this clock a message's <c>plannedAt</c> may be: instances' clocks differ a little, a cycle's never by more.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

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

        var admission = await AdmitAsync(message, body, dequeueCount, cancellationToken).ConfigureAwait(false);
        if (admission.Refused is { } refused)
        {
            return refused;
        }

        var delivery = Delivery.Admitted(message, dequeueCount, admission.Planned!);
        try
        {
            return await ApplyAsync(delivery, admission.Hold, cancellationToken).ConfigureAwait(false);
        }
        catch (CampaignApiException ex) when (!ex.IsTransient && ex is not CampaignAuthenticationException)
        {
            // A permanent refusal (400, 403 …): retrying cannot help, so it is recorded and the message completed.
            LogInterventionFailed(logger, message.Id, CampaignId.ForDisplay(message.CampaignId), ex.Message);
            return await WriteAsync(delivery, AuditOutcome.Failed, null, $"The platform refused the change: {ex.Message}", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CampaignApiException or HoldConflictException)
        {
            LogWillRetry(logger, message.Id, CampaignId.ForDisplay(message.CampaignId), dequeueCount, ex.Message);
            await WriteRetryingAsync(message, dequeueCount, ex.Message, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// One delivery of a message: which attempt it is, and the <c>planned</c> row its outcome row marks applied, in the same
    /// transaction. None before admission (nothing was applied), and none once marked: the first outcome stays. The mark says
    /// the outcome row's own outcome, or <see cref="MarkAs"/> once a repeated delivery has restored the row of what the message
    /// did (<see cref="RestoreOutcomeRowAsync"/>), so that its "skipped" does not hide the change.
    /// </summary>
    private readonly record struct Delivery(InterventionMessage Message, long Attempt, AuditRecord? Unmarked, AuditOutcome? MarkAs = null)
    {
        public static Delivery Admitted(InterventionMessage message, long attempt, AuditRecord planned) =>
            new(message, attempt, planned.AppliedAs is null ? planned : null);
    }

    /// <summary>
    /// What admission found: the outcome a refused message was recorded with, or the planned row that authorises it and the
    /// campaign's hold as the ledger had it (read alongside; a save of a hold changed since fails on its version).
    /// </summary>
    private readonly record struct Admission(AuditOutcome? Refused, AuditRecord? Planned, WeatherHold? Hold);

    /// <summary>
    /// Whether a message may change anything, before it does. A queue message is not an authority: it must match the
    /// <c>planned</c> row its cycle wrote before enqueueing it, and not have been applied already. Then what the settings say
    /// now: a <c>plannedAt</c> no cycle could have written, a message older than <c>Policy:MaxMessageAge</c>, the kill switch
    /// (<c>Policy:Halt</c>, a dry run, or an operator's <c>halt</c>), and a campaign excluded since it was planned.
    /// </summary>
    private async Task<Admission> AdmitAsync(InterventionMessage message, string body, long attempt, CancellationToken cancellationToken)
    {
        var refused = new Delivery(message, attempt, null);
        var settings = policy.CurrentValue;
        var now = timeProvider.GetUtcNow();
        if (message.PlannedAt > now + ClockSkew)
        {
            return Refuse(await WriteAsync(refused, AuditOutcome.Rejected, null, FormattableString.Invariant(
                $"Planned at {message.PlannedAt:u}, later than now ({now:u}): no cycle wrote this message. Not applied, not retried."), cancellationToken).ConfigureAwait(false));
        }

        if (now - message.PlannedAt > settings.MaxMessageAge)
        {
            return Refuse(await WriteAsync(refused, AuditOutcome.Stale, null, FormattableString.Invariant(
                $"Planned at {message.PlannedAt:u}, more than Policy:MaxMessageAge ({settings.MaxMessageAge:c}) ago: the weather it answered is old. Not applied; the next cycle decides afresh."), cancellationToken).ConfigureAwait(false));
        }

        var (partitionKey, rowKey) = AuditRows.PlannedKey(message);
        var plannedRead = audit.GetAsync(partitionKey, rowKey, cancellationToken);
        var haltRead = ledger.GetHaltAsync(cancellationToken);
        // The hold too, though only an admitted message needs it: three reads side by side cost one round trip, not three.
        var holdRead = ledger.GetAsync(message.CampaignId, cancellationToken);
        var planned = await plannedRead.ConfigureAwait(false);
        var halt = await haltRead.ConfigureAwait(false);
        var hold = await holdRead.ConfigureAwait(false);
        if (WhyNotPlanned(message, planned, hold) is { } notPlanned)
        {
            LogNotPlanned(logger, message.Id, CampaignId.ForDisplay(message.CampaignId), notPlanned);
            return Refuse(await WriteAsync(refused, AuditOutcome.Rejected, null, notPlanned + " Not applied, not retried.", cancellationToken).ConfigureAwait(false));
        }

        if (settings.StopsChanges || halt is not null)
        {
            // The queue exists: Bicep creates it in Azure, the host's StorageInitializer and the tool locally.
            await storage.Queue(InterventionQueues.HaltedName).SendMessageAsync(body, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken).ConfigureAwait(false);
            var why = settings.Halt ? "Policy:Halt is on"
                : settings.Mode == PolicyMode.DryRun ? "Policy:Mode is DryRun"
                : FormattableString.Invariant($"Halted by {halt!.By} since {halt.Since:u} ({halt.Reason})");
            return Refuse(await WriteAsync(refused, AuditOutcome.Halted, null,
                $"{why}: nothing was changed. The message waits in {InterventionQueues.HaltedName} to be replayed deliberately.", cancellationToken).ConfigureAwait(false));
        }

        if (settings.ExcludedCampaigns.Contains(message.CampaignId, StringComparer.Ordinal))
        {
            return Refuse(await WriteAsync(Delivery.Admitted(message, attempt, planned!), AuditOutcome.Skipped, null,
                "Excluded by Policy:ExcludedCampaigns since it was planned: never touched.", cancellationToken).ConfigureAwait(false));
        }

        return new Admission(null, planned, hold);
    }

    private static Admission Refuse(AuditOutcome outcome) => new(outcome, null, null);

    /// <summary>Why the planned row does not authorise the message (none written, another plan's, a dry run's, or used already); null when it does.</summary>
    private static string? WhyNotPlanned(InterventionMessage message, AuditRecord? planned, WeatherHold? hold)
    {
        if (planned is null)
        {
            return FormattableString.Invariant($"No cycle planned this message: there is no planned row for {message.Id} at {message.PlannedAt:u}.");
        }

        if (AuditRows.DifferencesFromPlanned(planned, message) is { Count: > 0 } differences)
        {
            return $"The message differs from what cycle {planned.CycleId} planned ({string.Join(", ", differences)}).";
        }

        if (planned.DryRun)
        {
            return $"Cycle {planned.CycleId} planned this in a dry run, which changes nothing.";
        }

        if (planned.AppliedAs is { } appliedAs)
        {
            // A repeated delivery whose change is still the ledger's own goes on, to be recognised (and its rows restored) as a
            // duplicate; once a later intervention or a person has moved the hold on, the old message would undo them.
            if (hold?.MessageId != message.Id)
            {
                return FormattableString.Invariant(
                    $"Replayed: this message was applied already ({appliedAs} at {planned.AppliedAt:u}), and the ledger has moved on since ({(hold is null ? "no hold" : $"hold {hold.State} by {hold.MessageId ?? "a person"}")}).");
            }
        }

        return null;
    }

    /// <summary>The change itself, once admitted; an operator's opt-out since the cycle planned it is honoured first.</summary>
    private async Task<AuditOutcome> ApplyAsync(Delivery delivery, WeatherHold? stored, CancellationToken cancellationToken)
    {
        var message = delivery.Message;
        // The cycle planned from a listing it read just before: within Policy:OptOutRecheckAfter of it, that listing's opt-outs
        // stand, and a change costs one request. An older message (a backlog, a retry, a replay) reads the campaign first.
        var age = timeProvider.GetUtcNow() - message.PlannedAt;
        if (age > policy.CurrentValue.OptOutRecheckAfter
            && await platform.GetCampaignAsync(message.CampaignId, cancellationToken).ConfigureAwait(false) is { OptedOut: true } optedOut)
        {
            return await WriteAsync(delivery, AuditOutcome.Skipped, optedOut.RawStatus,
                $"Opted out ({CampaignLabels.AutomationKey}=off) since it was planned: never touched.", cancellationToken).ConfigureAwait(false);
        }

        return message.ParsedAction == InterventionAction.Pause
            ? await PauseAsync(delivery, stored, cancellationToken).ConfigureAwait(false)
            : await ResumeAsync(delivery, stored, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where the ledger stands for a message, which decides what it may do and how its outcome reads.</summary>
    private enum Situation
    {
        /// <summary>The service holds nothing for the campaign: this message takes it (a closed row's overrides carry over).</summary>
        Fresh,

        /// <summary>An earlier intervention of the service holds it (a slow message overtaken by a newer cycle's): this one takes over.</summary>
        HeldByEarlierIntervention,

        /// <summary>This message's own intent is in the ledger: an earlier delivery wrote it and stopped before recording the outcome.</summary>
        EarlierAttempt,

        /// <summary>This message already recorded its change: a repeated delivery.</summary>
        Duplicate,

        /// <summary>This message already closed the hold (a conflict, a campaign gone or someone else's): a repeated delivery.</summary>
        ClosedByThisMessage,
    }

    /// <summary>How a change's ledger update and audit row are written.</summary>
    private enum WriteOrder
    {
        /// <summary>
        /// Side by side: both are idempotent, and a retry after either fails takes the hold still marked with this message for
        /// its own earlier attempt, so it converges on the same hold state and the same audit row (same keys). Should the hold
        /// have been moved on meanwhile (its save fails on the version) while the audit row and its mark landed, the mark says
        /// the message was applied, and the retry is refused as a replay: the hold stays as the other writer left it.
        /// </summary>
        Together,

        /// <summary>
        /// The ledger first: had it failed after the audit row, the retry would take the hold for its own earlier attempt and
        /// add a second, contradicting row.
        /// </summary>
        LedgerFirst,
    }

    /// <summary>What a message's outcome writes: the hold as it becomes (null: unchanged), and the audit row.</summary>
    private sealed record Verdict(WeatherHold? Hold, AuditOutcome Outcome, string? Detail, WriteOrder Order = WriteOrder.Together);

    private static Situation Classify(WeatherHold? hold, string messageId, InterventionAction action)
    {
        if (hold is null)
        {
            return Situation.Fresh;
        }

        if (hold.MessageId != messageId)
        {
            return hold.IsActive ? Situation.HeldByEarlierIntervention : Situation.Fresh;
        }

        return (action, hold.State) switch
        {
            (InterventionAction.Pause, HoldState.Pausing) or (InterventionAction.Resume, HoldState.Pausing or HoldState.Held) => Situation.EarlierAttempt,
            (InterventionAction.Pause, HoldState.Held) or (InterventionAction.Resume, HoldState.Released) => Situation.Duplicate,
            _ => Situation.ClosedByThisMessage,
        };
    }

    private async Task<AuditOutcome> PauseAsync(Delivery delivery, WeatherHold? stored, CancellationToken cancellationToken)
    {
        var message = delivery.Message;
        var situation = Classify(stored, message.Id, InterventionAction.Pause);
        // The intent goes into the ledger before the status change, so no change of ours is ever untracked.
        var hold = situation is Situation.Fresh or Situation.HeldByEarlierIntervention
            ? await ledger.SaveAsync(Intent(message, stored), cancellationToken).ConfigureAwait(false)
            : stored!;

        var change = await platform.SetStatusAsync(message.CampaignId, CampaignStatus.Paused, cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        var verdict = change.Outcome switch
        {
            StatusChangeOutcome.Changed => new Verdict(hold.Held(now), AuditOutcome.Paused, null),
            StatusChangeOutcome.AlreadyInStatus => situation switch
            {
                Situation.EarlierAttempt => new Verdict(hold.Held(now), AuditOutcome.Paused, "Paused by an earlier attempt of this intervention; recorded on this one."),
                Situation.Duplicate => new Verdict(null, AuditOutcome.Skipped, "Duplicate delivery: this intervention already paused the campaign; nothing changed."),
                Situation.HeldByEarlierIntervention => new Verdict(hold.Held(now), AuditOutcome.Skipped,
                    $"Already paused under the service's earlier intervention {stored!.MessageId ?? "(unknown)"}; still held by the service.", WriteOrder.LedgerFirst),
                // Our first request timed out (or failed unclearly) after the platform applied it; the retry's 409 is our own change.
                _ when change.EarlierAttemptUnanswered => new Verdict(hold.Held(now), AuditOutcome.Paused, "Paused by an attempt that got no answer in time; its retry found the campaign paused."),
                _ => new Verdict(hold.Ended("Someone else paused it before the service did; not ours to resume.", now), AuditOutcome.Skipped,
                    "Already paused by someone else; the service will not resume it.", WriteOrder.LedgerFirst),
            },
            _ => Unchangeable(hold, change, now),
        };
        if (situation == Situation.Duplicate && change.Outcome == StatusChangeOutcome.AlreadyInStatus)
        {
            delivery = await RestoreOutcomeRowAsync(delivery, AuditOutcome.Paused, change.Current?.RawStatus, cancellationToken).ConfigureAwait(false);
        }

        return await RecordAsync(delivery, change, verdict, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The Pausing row written before the status change (<see cref="WeatherHold.StartPausing"/>).</summary>
    private WeatherHold Intent(InterventionMessage message, WeatherHold? existing) => WeatherHold.StartPausing(
        existing, message.CampaignId, message.CampaignName, message.Id,
        message.Reason?.AlertIds ?? [], message.Reason?.Events ?? [], message.Reason?.Regions ?? [], message.Reason?.Severity,
        affectedAt: message.PlannedAt, now: timeProvider.GetUtcNow());

    private async Task<AuditOutcome> ResumeAsync(Delivery delivery, WeatherHold? stored, CancellationToken cancellationToken)
    {
        var message = delivery.Message;
        var situation = Classify(stored, message.Id, InterventionAction.Resume);
        switch (situation)
        {
            case Situation.Duplicate:
                {
                    var restored = await RestoreOutcomeRowAsync(delivery, AuditOutcome.Resumed, null, cancellationToken).ConfigureAwait(false);
                    return await WriteAsync(restored, AuditOutcome.Skipped, null,
                        "Duplicate delivery: this intervention already resumed the campaign; nothing changed.", cancellationToken).ConfigureAwait(false);
                }
            case Situation.Fresh or Situation.ClosedByThisMessage:
                return await WriteAsync(delivery, AuditOutcome.Skipped, null,
                    $"The service does not hold this campaign ({(stored is null ? "no hold" : "hold " + stored.State)}); a resume is not ours to make.", cancellationToken).ConfigureAwait(false);
            case Situation.HeldByEarlierIntervention or Situation.EarlierAttempt when stored!.ManualHoldReason is { } manual:
                return await WriteAsync(delivery, AuditOutcome.Skipped, null, $"Held by an operator: {manual}", cancellationToken).ConfigureAwait(false);
        }

        var hold = situation == Situation.HeldByEarlierIntervention
            ? await ledger.SaveAsync(stored!.StartResuming(message.Id, timeProvider.GetUtcNow()), cancellationToken).ConfigureAwait(false)
            : stored!;
        var change = await platform.SetStatusAsync(message.CampaignId, CampaignStatus.Running, cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        var verdict = change.Outcome switch
        {
            StatusChangeOutcome.Changed => new Verdict(hold.Released(now), AuditOutcome.Resumed, null),
            StatusChangeOutcome.AlreadyInStatus when situation == Situation.EarlierAttempt || change.EarlierAttemptUnanswered =>
                new Verdict(hold.Released(now), AuditOutcome.Resumed, "Resumed by an earlier attempt of this intervention; recorded on this one."),
            StatusChangeOutcome.AlreadyInStatus => new Verdict(hold.OverriddenByPerson("A person resumed it before the service did.", now), AuditOutcome.Skipped,
                "Already running: a person resumed it first.", WriteOrder.LedgerFirst),
            _ => Unchangeable(hold, change, now),
        };
        return await RecordAsync(delivery, change, verdict, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A conflict or a campaign gone: either way the hold ends, and the service forces nothing (on any platform).</summary>
    private static Verdict Unchangeable(WeatherHold hold, StatusChange change, DateTimeOffset now) => change.Outcome == StatusChangeOutcome.Conflict
        ? new Verdict(hold.Ended($"The campaign is {change.Current?.RawStatus}; not forced.", now), AuditOutcome.Conflict,
            $"The platform refused: the campaign is '{change.Current?.RawStatus}', which the service must not force.")
        : new Verdict(hold.Ended("The campaign no longer exists.", now), AuditOutcome.Gone, "The platform no longer knows the campaign (deleted).");

    private async Task<AuditOutcome> RecordAsync(Delivery delivery, StatusChange change, Verdict verdict, CancellationToken cancellationToken)
    {
        var status = change.Outcome == StatusChangeOutcome.Gone ? null : change.Current?.RawStatus;
        if (verdict.Hold is null)
        {
            return await WriteAsync(delivery, verdict.Outcome, status, verdict.Detail, cancellationToken).ConfigureAwait(false);
        }

        if (verdict.Order == WriteOrder.LedgerFirst)
        {
            await ledger.SaveAsync(verdict.Hold, cancellationToken).ConfigureAwait(false);
            return await WriteAsync(delivery, verdict.Outcome, status, verdict.Detail, cancellationToken).ConfigureAwait(false);
        }
        var ledgerWrite = SaveAsync(verdict.Hold, cancellationToken);
        var auditWrite = WriteAsync(delivery, verdict.Outcome, status, verdict.Detail, cancellationToken);
        await Task.WhenAll(ledgerWrite, auditWrite).ConfigureAwait(false);
        return await auditWrite.ConfigureAwait(false);
    }

    // Async, so that a ledger failing at once still fails the task rather than the call, and the audit row goes out alongside.
    private async Task SaveAsync(WeatherHold hold, CancellationToken cancellationToken) =>
        await ledger.SaveAsync(hold, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// On a repeated delivery of a message whose change is already in the ledger, writes its outcome row if it is missing:
    /// the earlier delivery may have recorded the hold and then failed to write the row (and so to mark the planned row,
    /// which this delivery's own row then marks with <paramref name="outcome"/>).
    /// </summary>
    private async Task<Delivery> RestoreOutcomeRowAsync(Delivery delivery, AuditOutcome outcome, string? campaignStatus, CancellationToken cancellationToken)
    {
        await audit.WriteIfAbsentAsync(AuditRows.ForMessage(delivery.Message, outcome, timeProvider.GetUtcNow(), delivery.Attempt, campaignStatus,
            "Recorded on a repeated delivery: the earlier one changed the campaign but could not write this row."), cancellationToken).ConfigureAwait(false);
        return delivery with { MarkAs = outcome };
    }

    /// <summary>The delivery's outcome row, marking its planned row applied with it when that is still to do.</summary>
    private async Task<AuditOutcome> WriteAsync(Delivery delivery, AuditOutcome outcome, string? campaignStatus, string? detail, CancellationToken cancellationToken)
    {
        var message = delivery.Message;
        var now = timeProvider.GetUtcNow();
        var row = AuditRows.ForMessage(message, outcome, now, delivery.Attempt, campaignStatus, detail);
        await (delivery.Unmarked is { } planned
            ? audit.WriteOutcomeAsync(row, planned, delivery.MarkAs ?? outcome, now, cancellationToken)
            : audit.WriteAsync(row, cancellationToken)).ConfigureAwait(false);
        LogApplied(logger, message.Id, message.Action, CampaignId.ForDisplay(message.CampaignId), outcome);
        return outcome;
    }

    /// <summary>
    /// The failed attempt's row, so an operator reading between <c>planned</c> and the outcome sees why nothing happened yet.
    /// Best effort: the delivery has failed already, and a storage fault here must not hide why.
    /// </summary>
    private async Task WriteRetryingAsync(InterventionMessage message, long attempt, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await audit.WriteAsync(AuditRows.Retrying(message, attempt, queueDelivery.Value.MaxDequeueCount, reason, timeProvider.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException ex)
        {
            LogRetryRowFailed(logger, message.Id, attempt, ex.Message);
        }
    }

    private async Task RejectAsync(string? body, long attempt, InvalidInterventionMessageException ex, CancellationToken cancellationToken)
    {
        var row = AuditRows.Rejected(body, ex, timeProvider.GetUtcNow(), attempt);
        await audit.WriteAsync(row, cancellationToken).ConfigureAwait(false);
        LogRejected(logger, TableKeys.Digest(body), ex.Message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Intervention {MessageId} ({Action}) on campaign {CampaignId}: {Outcome}")]
    private static partial void LogApplied(ILogger logger, string messageId, string action, string campaignId, AuditOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intervention {MessageId} on campaign {CampaignId} failed on attempt {Attempt} and goes back to the queue: {Reason}")]
    private static partial void LogWillRetry(ILogger logger, string messageId, string campaignId, long attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intervention {MessageId}: the audit row of failed attempt {Attempt} could not be written: {Reason}")]
    private static partial void LogRetryRowFailed(ILogger logger, string messageId, long attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Intervention failed: {MessageId} on campaign {CampaignId}: {Reason}")]
    private static partial void LogInterventionFailed(ILogger logger, string messageId, string campaignId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected intervention {MessageId} on campaign {CampaignId}: {Reason}")]
    private static partial void LogNotPlanned(ILogger logger, string messageId, string campaignId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected an intervention message (digest {Digest}): {Reason}")]
    private static partial void LogRejected(ILogger logger, string digest, string reason);
}
