using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Alerts;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Notifications;
using WeatherCampaign.Core.Planning;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Core.Interventions;

/// <summary>
/// One polling cycle: read the feeds, the whole listing and the ledger; plan; write the ledger changes and audit rows;
/// hand back one queue message per intervention. It changes no campaign itself. Storage failures throw (the run fails loudly);
/// feed and listing failures are planned around (rule 5) and audited.
/// </summary>
public sealed partial class PollWeatherHandler(
    IAlertSource alerts,
    ICampaignPlatform platform,
    HoldLedger ledger,
    AuditTrail audit,
    InterventionPlanner planner,
    Notifier notifier,
    IOptionsMonitor<PolicyOptions> policy,
    TimeProvider timeProvider,
    ILogger<PollWeatherHandler> logger,
    IOptionsMonitor<PollScheduleOptions> schedules)
{
    /// <summary>Ledger and audit rows written at once by a cycle; far below a table partition's limit (2 000 entities/s).</summary>
    private const int StorageWritesInFlight = 16;

    /// <summary>One full cycle, whatever the feeds say: what an operator's <c>run</c> asks for.</summary>
    public Task<CycleResult> RunAsync(CycleRequest? request = null, CancellationToken cancellationToken = default) =>
        RunCycleAsync(request ?? new CycleRequest(), timeProvider.GetUtcNow(), null, null, cancellationToken);

    /// <summary>
    /// The timer's poll: reads the feeds (conditional requests) and the ledger, and runs a full cycle only when
    /// <see cref="FullCycleTrigger"/> says one could decide something new; otherwise it ends there, its only write the poll's
    /// one state row (never an audit row: a poll every 30 s would bury the trail).
    /// </summary>
    public async Task<PollResult> PollAsync(CancellationToken cancellationToken = default)
    {
        var started = timeProvider.GetUtcNow();
        var alertsTask = alerts.ReadAsync(cancellationToken);
        var holdsTask = ledger.ListAsync(cancellationToken);
        var stateTask = ledger.GetPollStateAsync(cancellationToken);
        var snapshot = await alertsTask.ConfigureAwait(false);
        var holds = await holdsTask.ConfigureAwait(false);
        var state = await stateTask.ConfigureAwait(false);

        var fullCycles = PollScheduleOptions.TryParse(schedules.CurrentValue.PollSchedule)!;
        var reason = FullCycleTrigger.Why(state, AlertFingerprint.Of(snapshot), snapshot, holds, policy.CurrentValue, fullCycles, started);
        if (reason is not { } why)
        {
            var light = state! with { LastPollAt = started, LightPollsSinceFullCycle = state.LightPollsSinceFullCycle + 1 };
            await ledger.SavePollStateAsync(light, cancellationToken).ConfigureAwait(false);
            LogLightPoll(logger, snapshot.Alerts.Count, light.LightPollsSinceFullCycle, state.LastFullCycleAt);
            return new PollResult(null, null);
        }

        LogFullCycleDue(logger, why);
        var cycle = await RunCycleAsync(new CycleRequest(), started, (snapshot, holds), why, cancellationToken).ConfigureAwait(false);
        return new PollResult(why, cycle);
    }

    private async Task<CycleResult> RunCycleAsync(
        CycleRequest request, DateTimeOffset started, (AlertSnapshot Alerts, IReadOnlyList<WeatherHold> Holds)? read, FullCycleReason? trigger, CancellationToken cancellationToken)
    {
        var settings = policy.CurrentValue;
        var mode = ModeOf(request, settings);
        var cycleId = started.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();

        var input = await ReadAsync(cycleId, mode, settings, read, cancellationToken).ConfigureAwait(false);
        var plan = planner.Plan(input, settings, request.AsOf ?? started);
        if (mode == CycleMode.Preview)
        {
            return new CycleResult(plan, [], mode);
        }

        plan = await ApproveAsync(plan, request, mode, settings, started, cancellationToken).ConfigureAwait(false);
        var writing = WriteAsync(plan, mode, settings, started, trigger, cancellationToken);
        IReadOnlyList<string> messages;
        try
        {
            // Serialised while the rows go out: CPU time beside the cycle's round trips rather than after them.
            messages = mode == CycleMode.Enforce ? [.. plan.Interventions.Select(i => InterventionMessage.From(i).ToJson())] : [];
        }
        finally
        {
            await writing.ConfigureAwait(false);
        }
        if (input.Campaigns is not null)
        {
            // Only a cycle that saw the campaigns counts as planned from these alerts; after a failed listing the next poll tries again.
            await ledger.SavePollStateAsync(new PollState(AlertFingerprint.Of(input.Alerts), started, started, 0), cancellationToken).ConfigureAwait(false);
        }

        // One notice per cycle, of what it planned (each change is applied later, one message each); bounded, never throws.
        if (mode == CycleMode.Enforce && Notice.ForCycle(plan, dryRun: false, timeProvider.GetUtcNow()) is { } notice)
        {
            await notifier.SendAsync(notice, cancellationToken).ConfigureAwait(false);
        }
        LogCycle(logger, cycleId, plan.Verdict, plan.Pauses, plan.Resumes, plan.AlertsCounting, plan.CampaignsListed, mode != CycleMode.Enforce);
        return new CycleResult(plan, messages, mode);
    }

    /// <summary>The more cautious of what the run asks for and <c>Policy:Mode</c>; a replay of another time only previews.</summary>
    private static CycleMode ModeOf(CycleRequest request, PolicyOptions settings)
    {
        if (request.AsOf is not null)
        {
            return CycleMode.Preview;
        }

        var configured = settings.Mode == PolicyMode.DryRun ? CycleMode.DryRun : CycleMode.Enforce;
        return request.Mode > configured ? request.Mode : configured;
    }

    /// <summary>The feeds, the whole listing and the ledger, read side by side (the feeds and the ledger unless a poll read them already).</summary>
    private async Task<PlanningInput> ReadAsync(
        string cycleId, CycleMode mode, PolicyOptions settings, (AlertSnapshot Alerts, IReadOnlyList<WeatherHold> Holds)? read, CancellationToken cancellationToken)
    {
        var alertsTask = read is { } polled ? Task.FromResult(polled.Alerts) : alerts.ReadAsync(cancellationToken);
        var holdsTask = read is { } known ? Task.FromResult(known.Holds) : ledger.ListAsync(cancellationToken);
        // With Policy:ApproveNextLargeCycle off, a used approval is forgotten (so turning it on approves again). That needs
        // nothing from the plan, so it goes alongside the reads instead of delaying the cycle's writes.
        var clearApproval = mode != CycleMode.Enforce || settings.ApproveNextLargeCycle ? Task.CompletedTask : ledger.ClearStandingApprovalAsync(cancellationToken);
        CampaignListing? listing = null;
        string? listingError = null;
        try
        {
            listing = await platform.ListCampaignsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CampaignApiException ex)
        {
            listingError = ex.Message;
            LogListingFailed(logger, cycleId, ex.Message);
        }
        var snapshot = await alertsTask.ConfigureAwait(false);
        var holds = await holdsTask.ConfigureAwait(false);
        await clearApproval.ConfigureAwait(false);
        return new PlanningInput(cycleId, snapshot, listing, holds, listingError);
    }

    /// <summary>Rule 6: a plan held for approval goes through on the operator's word or, once, on <c>Policy:ApproveNextLargeCycle</c>.</summary>
    private async Task<Plan> ApproveAsync(Plan plan, CycleRequest request, CycleMode mode, PolicyOptions settings, DateTimeOffset started, CancellationToken cancellationToken)
    {
        if (plan.Verdict != PlanVerdict.HeldForApproval)
        {
            return plan;
        }

        if (request.ApproveLargeCycle)
        {
            return plan.Approve(request.ApprovedBy ?? "the operator's --approve");
        }

        if (mode == CycleMode.Enforce && settings.ApproveNextLargeCycle
            && await ledger.TryUseStandingApprovalAsync(plan.CycleId, started, cancellationToken).ConfigureAwait(false))
        {
            return plan.Approve("Policy:ApproveNextLargeCycle (used once; set it to false and back to true to approve another)");
        }

        return plan;
    }

    /// <summary>
    /// The cycle's ledger changes and audit rows. Hold changes are one row per campaign, each with its own version: written side
    /// by side, or a big cycle waits on thousands of round trips. The planned rows share the cycle's partition, so they go as
    /// table transactions of 100. The two are independent and go together; the cycle row comes last, so a cycle row means all
    /// of its rows were written.
    /// </summary>
    private async Task WriteAsync(Plan plan, CycleMode mode, PolicyOptions settings, DateTimeOffset started, FullCycleReason? trigger, CancellationToken cancellationToken)
    {
        var dryRun = mode != CycleMode.Enforce;
        if (plan.ApprovedBy is not null)
        {
            await audit.WriteAsync(AuditRows.Approved(plan, settings.MaxPauseShare, started, dryRun), cancellationToken).ConfigureAwait(false);
        }

        var writes = new ParallelOptions { MaxDegreeOfParallelism = StorageWritesInFlight, CancellationToken = cancellationToken };
        var holdWrites = dryRun || plan.HoldChanges.Count == 0
            ? Task.CompletedTask
            : Parallel.ForEachAsync(plan.HoldChanges, writes, async (change, ct) => await ApplyHoldChangeAsync(plan, change, ct).ConfigureAwait(false));
        var plannedRows = plan.Interventions.Count == 0
            ? Task.CompletedTask
            : audit.WriteAllAsync(plan.Interventions.Select(i => AuditRows.Planned(i, dryRun)), cancellationToken);
        await Task.WhenAll(holdWrites, plannedRows).ConfigureAwait(false);

        foreach (var refused in plan.Refused)
        {
            await audit.WriteAsync(AuditRows.Refused(plan, refused, started, dryRun), cancellationToken).ConfigureAwait(false);
        }

        foreach (var warned in plan.Warnings)
        {
            await audit.WriteAsync(AuditRows.Warning(plan, warned) with { DryRun = dryRun }, cancellationToken).ConfigureAwait(false);
            LogWarning(logger, plan.CycleId, CampaignId.ForDisplay(warned.Campaign.Id), warned.Warning!);
        }

        if (plan.Verdict == PlanVerdict.HeldForApproval)
        {
            await audit.WriteAsync(AuditRows.HeldForApproval(plan, started, dryRun), cancellationToken).ConfigureAwait(false);
            LogHeldForApproval(logger, plan.CycleId, plan.PausesHeldBack, plan.CampaignsRunning);
        }
        await audit.WriteAsync(AuditRows.Cycle(plan, started, dryRun, trigger), cancellationToken).ConfigureAwait(false);
    }

    private async Task ApplyHoldChangeAsync(Plan plan, HoldChange change, CancellationToken cancellationToken)
    {
        try
        {
            await ledger.SaveAsync(change.Hold, cancellationToken).ConfigureAwait(false);
        }
        catch (HoldConflictException)
        {
            // An intervention changed the row meanwhile; the next cycle sees its newer state.
            LogHoldConflict(logger, plan.CycleId, CampaignId.ForDisplay(change.Hold.CampaignId));
            return;
        }
        var row = change.Kind switch
        {
            HoldChangeKind.StillAffected or HoldChangeKind.Reissued => null,
            HoldChangeKind.ResumeHeldBack => AuditRows.ResumeHeldBack(plan, change),
            _ => AuditRows.HoldClosed(plan, change),
        };
        if (row is not null)
        {
            await audit.WriteAsync(row, cancellationToken).ConfigureAwait(false);
        }

        var reissues = change.Reissues ?? [];
        for (var i = 0; i < reissues.Count; i++)
        {
            await audit.WriteAsync(AuditRows.Reissue(plan, change, i, reissues[i]), cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cycle {CycleId}: the campaign listing failed, nothing will be planned: {Reason}")]
    private static partial void LogListingFailed(ILogger logger, string cycleId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cycle {CycleId} held for approval: it would pause {Pauses} of {Running} running campaigns")]
    private static partial void LogHeldForApproval(ILogger logger, string cycleId, int pauses, int running);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cycle {CycleId}: {Verdict}, {Pauses} pauses, {Resumes} resumes ({CountingAlerts} alerts count, {Campaigns} campaigns, dry run {DryRun})")]
    private static partial void LogCycle(ILogger logger, string cycleId, PlanVerdict verdict, int pauses, int resumes, int countingAlerts, int campaigns, bool dryRun);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cycle {CycleId}: campaign {CampaignId}: {Warning}")]
    private static partial void LogWarning(ILogger logger, string cycleId, string campaignId, string warning);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Feed poll: {Alerts} alerts, nothing new since the full cycle at {LastFullCycleAt:u} ({LightPolls} polls since); no campaign listed")]
    private static partial void LogLightPoll(ILogger logger, int alerts, int lightPolls, DateTimeOffset lastFullCycleAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed poll: a full cycle is due ({Reason})")]
    private static partial void LogFullCycleDue(ILogger logger, FullCycleReason reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cycle {CycleId}: the hold of campaign {CampaignId} changed meanwhile; left for the next cycle")]
    private static partial void LogHoldConflict(ILogger logger, string cycleId, string campaignId);
}
