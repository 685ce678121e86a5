using System.Globalization;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Planning;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Core.Interventions;

/// <summary>
/// Every audit row's shape and key, so the cycle's, the handlers' and the operator's rows read alike. A row's key
/// (<see cref="AuditRecord.Discriminator"/> and sort time) depends only on what it records, never on when it is written, so
/// a retried write replaces its row rather than adding one; <c>AuditRowsTests</c> pins that.
/// </summary>
public static class AuditRows
{
    /// <summary>A row about one message, keyed by the message's id and outcome, sorted at its planned time.</summary>
    public static AuditRecord ForMessage(InterventionMessage message, AuditOutcome outcome, DateTimeOffset now, long? attempt, string? campaignStatus, string? detail) => new()
    {
        OccurredAt = now,
        SortTime = message.PlannedAt,
        Outcome = outcome,
        Discriminator = $"{message.Id}_{outcome.ToWire()}",
        Action = message.Action,
        CampaignId = message.CampaignId,
        CampaignName = message.CampaignName,
        CampaignStatus = campaignStatus,
        Events = Join(message.Reason?.Events),
        Regions = Join(message.Reason?.Regions),
        Severity = message.Reason?.Severity,
        AlertIds = message.Reason?.MoreAlertIds is > 0 and var more
            ? Join(message.Reason.AlertIds) + string.Create(CultureInfo.InvariantCulture, $" (+{more} more)")
            : Join(message.Reason?.AlertIds),
        Detail = detail,
        CycleId = message.CycleId,
        MessageId = message.Id,
        Attempt = attempt,
    };

    /// <summary>
    /// A delivery that failed: attempt <paramref name="attempt"/> of <paramref name="maxDequeueCount"/> and why. Keyed by the
    /// message and the attempt, so the same attempt delivered twice writes one row and each further attempt one more.
    /// </summary>
    public static AuditRecord Retrying(InterventionMessage message, long attempt, int maxDequeueCount, string reason, DateTimeOffset now)
    {
        var next = attempt < maxDequeueCount
            ? "The message goes back to the queue for another attempt."
            : $"That was the last attempt: the queue moves the message to {InterventionQueues.PoisonName} (a failed row follows).";
        return ForMessage(message, AuditOutcome.Retrying, now, attempt, null, string.Create(CultureInfo.InvariantCulture,
            $"Attempt {attempt} of {maxDequeueCount} failed: {reason} {next}")) with
        {
            Discriminator = string.Create(CultureInfo.InvariantCulture, $"{message.Id}_{AuditOutcome.Retrying.ToWire()}_{attempt}"),
        };
    }

    /// <summary>The <c>planned</c> row the cycle writes for each intervention it decides on, with the planner's words for why.</summary>
    public static AuditRecord Planned(Intervention intervention, bool dryRun) =>
        ForMessage(InterventionMessage.From(intervention), AuditOutcome.Planned, intervention.PlannedAt, null, null, intervention.Why) with { DryRun = dryRun };

    /// <summary>Where the <c>planned</c> row of a message is: fixed by its id and planned time, so one point read finds it.</summary>
    public static (string PartitionKey, string RowKey) PlannedKey(InterventionMessage message)
    {
        var row = ForMessage(message, AuditOutcome.Planned, message.PlannedAt, null, null, null);
        return (row.PartitionKey, row.RowKey);
    }

    /// <summary>
    /// The columns in which a message differs from the <c>planned</c> row its cycle wrote; none for a message the cycle
    /// sent. The message is the cycle's only word, so anything it says beyond the row is not the plan's.
    /// </summary>
    public static IReadOnlyList<string> DifferencesFromPlanned(AuditRecord planned, InterventionMessage message)
    {
        var expected = ForMessage(message, AuditOutcome.Planned, message.PlannedAt, null, null, null);
        var columns = new (string Name, string? Planned, string? Message)[]
        {
            (nameof(AuditRecord.MessageId), planned.MessageId, expected.MessageId),
            (nameof(AuditRecord.CampaignId), planned.CampaignId, expected.CampaignId),
            (nameof(AuditRecord.Action), planned.Action, expected.Action),
            (nameof(AuditRecord.CycleId), planned.CycleId, expected.CycleId),
            (nameof(AuditRecord.CampaignName), planned.CampaignName, expected.CampaignName),
            (nameof(AuditRecord.AlertIds), planned.AlertIds, expected.AlertIds),
            (nameof(AuditRecord.Events), planned.Events, expected.Events),
            (nameof(AuditRecord.Regions), planned.Regions, expected.Regions),
            (nameof(AuditRecord.Severity), planned.Severity, expected.Severity),
        };
        var differences = columns.Where(c => !string.Equals(c.Planned ?? "", c.Message ?? "", StringComparison.Ordinal)).Select(c => c.Name).ToList();
        if (planned.Outcome != AuditOutcome.Planned)
        {
            differences.Insert(0, nameof(AuditRecord.Outcome));
        }

        return differences;
    }

    /// <summary>A cycle's summary; written last, so a cycle row means all of the cycle's other rows were written.</summary>
    /// <param name="trigger">Why a timer's poll went on to this cycle; null for a cycle run on demand (the tool's <c>run</c>).</param>
    public static AuditRecord Cycle(Plan plan, DateTimeOffset started, bool dryRun, FullCycleReason? trigger = null)
    {
        var feeds = string.Join("; ", plan.Feeds.Select(f => f.Succeeded
            ? $"{f.Feed}: {f.AlertCount} alerts{(f.NotModified ? " (not modified)" : "")}{(f.Skipped > 0 ? $", {f.Skipped} skipped ({f.SkippedBecause})" : "")}"
            : $"{f.Feed}: FAILED {f.Error}"));
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{plan.Verdict}: {plan.Pauses} to pause, {plan.Resumes} to resume; {plan.AlertsCounting} of {plan.AlertsRead} alerts count; {plan.CampaignsAffected} of {plan.CampaignsListed} campaigns affected. Feeds: {feeds}.");
        if (plan.ResumesStaged > 0)
        {
            summary += string.Create(CultureInfo.InvariantCulture,
                $" {plan.ResumesStaged} resumes wait for a later cycle (Policy:MaxResumesPerCycle, Policy:MaxResumesPerRegionPerCycle; oldest hold first).");
        }

        if (plan.Reason is not null)
        {
            summary += " " + plan.Reason;
        }

        return CycleEvent(plan, AuditOutcome.Cycle, "cycle", started, dryRun, trigger is { } why ? summary + " Ran because " + Describe(why) + "." : summary);
    }

    /// <summary>Rule 6: the cycle's pauses wait for a person.</summary>
    public static AuditRecord HeldForApproval(Plan plan, DateTimeOffset started, bool dryRun) =>
        CycleEvent(plan, AuditOutcome.HeldForApproval, "held", started, dryRun, plan.Reason);

    /// <summary>Rule 6: a cycle over the share went through, and who let it.</summary>
    public static AuditRecord Approved(Plan plan, double maxPauseShare, DateTimeOffset started, bool dryRun) =>
        CycleEvent(plan, AuditOutcome.Approved, "approved", started, dryRun, string.Create(CultureInfo.InvariantCulture,
            $"{plan.Pauses} of {plan.CampaignsRunning} running campaigns paused, over Policy:MaxPauseShare {maxPauseShare:P0}, approved by {plan.ApprovedBy}."));

    /// <summary>A listed campaign whose id is unsafe; keyed by the id's digest, since the id itself may not be written as it is.</summary>
    public static AuditRecord Refused(Plan plan, RefusedCampaign refused, DateTimeOffset started, bool dryRun)
    {
        var digest = TableKeys.Digest(refused.Campaign.Id);
        return CycleEvent(plan, AuditOutcome.Rejected, "rejected_" + digest, started, dryRun,
            $"The campaign listing named a campaign whose id is unsafe ({refused.Reason}; id digest {digest}); it is left alone and no request is made for it.") with
        {
            CampaignId = CampaignId.ForDisplay(refused.Campaign.Id),
            CampaignName = CampaignId.ForDisplay(refused.Campaign.Name),
            CampaignStatus = CampaignId.ForDisplay(refused.Campaign.RawStatus),
        };
    }

    /// <summary>A hold the cycle closed itself (a person's resume, a campaign gone, drafted or completed).</summary>
    public static AuditRecord HoldClosed(Plan plan, HoldChange change) =>
        ForHold(plan, change, change.Kind == HoldChangeKind.Overridden ? AuditOutcome.Overridden : AuditOutcome.Released, $"{plan.CycleId}_{change.Hold.CampaignId}_{change.Kind}") with
        {
            Detail = change.Hold.Note,
        };

    /// <summary>
    /// Rule 7: a re-issue joined a hold's lineage (the hold is kept, or a person's override stands, through it); one row per
    /// campaign, cycle and re-issue.
    /// </summary>
    public static AuditRecord Reissue(Plan plan, HoldChange change, int index, string description) =>
        ForHold(plan, change, AuditOutcome.Reissue, string.Create(CultureInfo.InvariantCulture, $"{plan.CycleId}_{change.Hold.CampaignId}_reissue{index}")) with
        {
            CampaignStatus = "hold " + change.Hold.State.ToString().ToLowerInvariant(),
            Detail = change.Hold.State == HoldState.Overridden
                ? $"{description}: the person's resume stands, not paused again."
                : $"{description}: still held, the clear-for clock runs from it.",
        };

    /// <summary>
    /// A clear hold whose resume a rule holds back: written only when the rule or its time changes (the planner compares with
    /// the hold's <see cref="WeatherHold.ResumeHeldBy"/>), so a campaign held overnight has one row, not one per cycle.
    /// </summary>
    public static AuditRecord ResumeHeldBack(Plan plan, HoldChange change) => ForHold(plan, change, AuditOutcome.ResumeHeld, $"{plan.CycleId}_{change.Hold.CampaignId}_{change.Kind}") with
    {
        Action = "resume",
        Detail = plan.Decisions.FirstOrDefault(d => d.Campaign.Id == change.Hold.CampaignId)?.Why
            ?? string.Create(CultureInfo.InvariantCulture, $"Resume held back until {change.Hold.ResumeHeldUntil:u} by {change.Hold.ResumeHeldBy}."),
    };

    /// <summary>What every row a cycle writes about a hold says: the cycle, the campaign, and the alerts the hold is for.</summary>
    private static AuditRecord ForHold(Plan plan, HoldChange change, AuditOutcome outcome, string discriminator) => new()
    {
        OccurredAt = plan.PlannedAt,
        Outcome = outcome,
        Discriminator = discriminator,
        CycleId = plan.CycleId,
        CampaignId = change.Hold.CampaignId,
        CampaignName = change.Hold.CampaignName,
        AlertIds = Join(change.Hold.AlertIds),
        Events = Join(change.Hold.Events),
        Regions = Join(change.Hold.Regions),
    };

    /// <summary>
    /// A warning about one campaign's decision (its time zone is unknown, the default was used): keyed by the campaign and the
    /// day, so it is one row a day however many cycles meet it.
    /// </summary>
    public static AuditRecord Warning(Plan plan, CampaignDecision decision)
    {
        var day = new DateTimeOffset(plan.PlannedAt.UtcDateTime.Date, TimeSpan.Zero);
        return new AuditRecord
        {
            OccurredAt = plan.PlannedAt,
            SortTime = day,
            Outcome = AuditOutcome.Warning,
            Discriminator = $"{decision.Campaign.Id}_warning_{TableKeys.Digest(decision.Warning)}",
            CycleId = plan.CycleId,
            CampaignId = decision.Campaign.Id,
            CampaignName = decision.Campaign.Name,
            CampaignStatus = decision.Campaign.RawStatus,
            Detail = decision.Warning,
        };
    }

    /// <summary>A queue message that is not a valid intervention, keyed by the body's digest (a repeat lands on the same row).</summary>
    public static AuditRecord Rejected(string? body, InvalidInterventionMessageException error, DateTimeOffset now, long attempt) =>
        Unreadable(body, error, AuditOutcome.Rejected, "rejected_", now, attempt,
            digest => $"{error.Message} Message digest {digest}, {body?.Length ?? 0} characters; not retried.");

    /// <summary>A message the queue gave up on that is not a valid intervention either, keyed by the body's digest.</summary>
    public static AuditRecord PoisonedUnreadable(string? body, InvalidInterventionMessageException error, string detail, DateTimeOffset now, long attempt) =>
        Unreadable(body, error, AuditOutcome.Failed, "poison_", now, attempt,
            digest => $"{detail} It is not a valid intervention either: {error.Message} (digest {digest}).");

    /// <summary>An operator set or released a manual hold; one row per campaign and kind, the latest wins.</summary>
    public static AuditRecord ManualHold(AuditOutcome outcome, WeatherHold saved, string? previousState, string detail, DateTimeOffset now) => new()
    {
        OccurredAt = now,
        Outcome = outcome,
        Discriminator = $"{saved.CampaignId}_{outcome.ToWire()}",
        CampaignId = saved.CampaignId,
        CampaignName = saved.CampaignName,
        CampaignStatus = previousState is null ? null : "hold " + previousState.ToLowerInvariant(),
        Detail = detail,
    };

    /// <summary>An operator halted or resumed the service, or replayed halted messages; one row per action.</summary>
    public static AuditRecord ServiceSwitch(AuditOutcome outcome, string action, string detail, DateTimeOffset now) => new()
    {
        OccurredAt = now,
        Outcome = outcome,
        Discriminator = $"service_{action}",
        Action = action,
        Detail = detail,
    };

    private static string Describe(FullCycleReason reason) => reason switch
    {
        FullCycleReason.NoEarlierCycle => "no earlier full cycle was remembered",
        FullCycleReason.AlertsChanged => "the alerts changed",
        FullCycleReason.AlertStartedOrEnded => "an alert entered Policy:LookAhead or ended",
        FullCycleReason.ClearForElapsed => "a held campaign's Policy:ClearFor may have elapsed",
        _ => "PollSchedule came round",
    };

    public static string? Join(IEnumerable<string>? values) => values is null ? null : string.Join("; ", values);

    /// <summary>A row about a message that could not be read: its body never reaches the table, only its digest.</summary>
    private static AuditRecord Unreadable(
        string? body, InvalidInterventionMessageException error, AuditOutcome outcome, string keyPrefix, DateTimeOffset now, long attempt, Func<string, string> detail)
    {
        var digest = TableKeys.Digest(body);
        return new AuditRecord
        {
            OccurredAt = now,
            Outcome = outcome,
            Discriminator = keyPrefix + digest,
            CampaignId = error.CampaignId is null ? null : CampaignId.ForDisplay(error.CampaignId),
            Detail = detail(digest),
            Attempt = attempt,
        };
    }

    private static AuditRecord CycleEvent(Plan plan, AuditOutcome outcome, string suffix, DateTimeOffset started, bool dryRun, string? detail) => new()
    {
        OccurredAt = started,
        Outcome = outcome,
        Discriminator = $"{plan.CycleId}_{suffix}",
        CycleId = plan.CycleId,
        Detail = detail,
        DryRun = dryRun,
    };
}
