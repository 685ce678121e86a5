using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Alerts;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Planning;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Core.Interventions;

/// <summary>How one cycle is run: the settings, unless an operator says otherwise for this run.</summary>
public sealed record CycleRequest
{
    /// <summary>Plan and audit, but change nothing and enqueue nothing, whatever <c>Policy:Mode</c> says.</summary>
    public bool ForceDryRun { get; init; }

    /// <summary>Let a cycle over <c>Policy:MaxPauseShare</c> through.</summary>
    public bool ApproveLargeCycle { get; init; }

    /// <summary>Only plan: write no ledger change and no audit row, enqueue nothing (the CLI's <c>plan</c>).</summary>
    public bool Preview { get; init; }

    /// <summary>Evaluate the alerts as at this time (replaying a recorded feed); implies <see cref="Preview"/>.</summary>
    public DateTimeOffset? AsOf { get; init; }

    public bool IsPreview => Preview || AsOf is not null;
}

/// <summary>What one cycle decided and what it hands to the queue.</summary>
public sealed record CycleResult(Plan Plan, IReadOnlyList<string> Messages, bool DryRun);

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
    IOptionsMonitor<PolicyOptions> policy,
    TimeProvider timeProvider,
    ILogger<PollWeatherHandler> logger)
{
    /// <summary>Ledger and audit rows written at once by a cycle; far below a table partition's limit (2 000 entities/s).</summary>
    private const int StorageWritesInFlight = 16;

    public async Task<CycleResult> RunAsync(CycleRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= new CycleRequest();
        var started = timeProvider.GetUtcNow();
        var now = request.AsOf ?? started;
        var cycleId = started.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();
        var settings = policy.CurrentValue;
        var preview = request.IsPreview;
        var dryRun = preview || request.ForceDryRun || settings.Mode == PolicyMode.DryRun;

        var alertsTask = alerts.ReadAsync(cancellationToken);
        var holdsTask = ledger.ListAsync(cancellationToken);
        // With Policy:ApproveNextLargeCycle off, a used approval is forgotten (so turning it on approves again). That needs
        // nothing from the plan, so it goes alongside the reads instead of delaying the cycle's writes.
        var clearApproval = preview || dryRun || settings.ApproveNextLargeCycle ? Task.CompletedTask : ledger.ClearStandingApprovalAsync(cancellationToken);
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

        var input = new PlanningInput(cycleId, snapshot, listing, holds, listingError);
        var plan = planner.Plan(input, settings, now, request.ApproveLargeCycle);
        if (preview) return new CycleResult(plan, [], DryRun: true);

        string? approvedBy = request.ApproveLargeCycle ? "the operator's --approve" : null;
        if (!dryRun && plan.Verdict == PlanVerdict.HeldForApproval && settings.ApproveNextLargeCycle
            && await ledger.TryUseStandingApprovalAsync(cycleId, started, cancellationToken).ConfigureAwait(false))
        {
            plan = planner.Plan(input, settings, now, approveLargeCycle: true);
            approvedBy = "Policy:ApproveNextLargeCycle (used once; set it to false and back to true to approve another)";
        }
        if (approvedBy is not null && plan.Pauses > 0 && plan.Pauses > settings.MaxPauseShare * plan.CampaignsRunning && settings.MaxPauseShare < 1.0)
        {
            await audit.WriteAsync(new AuditRecord
            {
                OccurredAt = started,
                Outcome = AuditOutcome.Approved,
                Discriminator = cycleId + "_approved",
                CycleId = cycleId,
                Detail = string.Create(CultureInfo.InvariantCulture,
                    $"{plan.Pauses} of {plan.CampaignsRunning} running campaigns paused, over Policy:MaxPauseShare {settings.MaxPauseShare:P0}, approved by {approvedBy}."),
                DryRun = dryRun,
            }, cancellationToken).ConfigureAwait(false);
        }

        // Hold changes are one row per campaign, each with its own ETag: written side by side, or a big cycle waits on thousands
        // of round trips. The planned rows share the cycle's partition, so they go as table transactions of 100. The two are
        // independent and go together; the cycle row comes last, so a cycle row means all of its rows were written.
        var writes = new ParallelOptions { MaxDegreeOfParallelism = StorageWritesInFlight, CancellationToken = cancellationToken };
        var holdWrites = dryRun || plan.HoldChanges.Count == 0
            ? Task.CompletedTask
            : Parallel.ForEachAsync(plan.HoldChanges, writes, async (change, ct) => await ApplyHoldChangeAsync(plan, change, ct).ConfigureAwait(false));
        var plannedRows = plan.Interventions.Count == 0
            ? Task.CompletedTask
            : audit.WriteAllAsync(plan.Interventions.Select(i => AuditRows.Planned(i, dryRun, null)), cancellationToken);
        await Task.WhenAll(holdWrites, plannedRows).ConfigureAwait(false);
        foreach (var refused in plan.Refused)
            await audit.WriteAsync(RefusedRow(plan, refused, started, dryRun), cancellationToken).ConfigureAwait(false);
        if (plan.Verdict == PlanVerdict.HeldForApproval)
        {
            await audit.WriteAsync(new AuditRecord
            {
                OccurredAt = started,
                Outcome = AuditOutcome.HeldForApproval,
                Discriminator = cycleId + "_held",
                CycleId = cycleId,
                Detail = plan.Reason,
                DryRun = dryRun,
            }, cancellationToken).ConfigureAwait(false);
            LogHeldForApproval(logger, cycleId, plan.PausesHeldBack, plan.CampaignsRunning);
        }
        await audit.WriteAsync(CycleRow(plan, started, dryRun), cancellationToken).ConfigureAwait(false);

        var messages = dryRun ? [] : plan.Interventions.Select(i => InterventionMessage.From(i).ToJson()).ToList();
        LogCycle(logger, cycleId, plan.Verdict, plan.Pauses, plan.Resumes, plan.AlertsCounting, plan.CampaignsListed, dryRun);
        return new CycleResult(plan, messages, dryRun);
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
        if (change.Kind == HoldChangeKind.StillAffected) return;
        await audit.WriteAsync(new AuditRecord
        {
            OccurredAt = plan.PlannedAt,
            Outcome = change.Kind == HoldChangeKind.Overridden ? AuditOutcome.Overridden : AuditOutcome.Released,
            Discriminator = $"{plan.CycleId}_{change.Hold.CampaignId}_{change.Kind}",
            CycleId = plan.CycleId,
            CampaignId = change.Hold.CampaignId,
            CampaignName = change.Hold.CampaignName,
            AlertIds = AuditRows.Join(change.Hold.AlertIds),
            Events = AuditRows.Join(change.Hold.Events),
            Regions = AuditRows.Join(change.Hold.Regions),
            Detail = change.Hold.Note ?? change.Detail,
        }, cancellationToken).ConfigureAwait(false);
    }

    private static AuditRecord RefusedRow(Plan plan, RefusedCampaign refused, DateTimeOffset started, bool dryRun)
    {
        var digest = TableKeys.Digest(refused.Campaign.Id);
        return new AuditRecord
        {
            OccurredAt = started,
            Outcome = AuditOutcome.Rejected,
            Discriminator = $"{plan.CycleId}_rejected_{digest}",
            CycleId = plan.CycleId,
            CampaignId = CampaignId.ForDisplay(refused.Campaign.Id),
            CampaignName = CampaignId.ForDisplay(refused.Campaign.Name),
            CampaignStatus = CampaignId.ForDisplay(refused.Campaign.RawStatus),
            Detail = $"The campaign listing named a campaign whose id is unsafe ({refused.Reason}; id digest {digest}); it is left alone and no request is made for it.",
            DryRun = dryRun,
        };
    }

    private static AuditRecord CycleRow(Plan plan, DateTimeOffset started, bool dryRun)
    {
        var feeds = string.Join("; ", plan.Feeds.Select(f => f.Succeeded
            ? $"{f.Feed}: {f.AlertCount} alerts{(f.NotModified ? " (not modified)" : "")}"
            : $"{f.Feed}: FAILED {f.Error}"));
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{plan.Verdict}: {plan.Pauses} to pause, {plan.Resumes} to resume; {plan.AlertsCounting} of {plan.AlertsRead} alerts count; {plan.CampaignsAffected} of {plan.CampaignsListed} campaigns affected. Feeds: {feeds}.");
        return new AuditRecord
        {
            OccurredAt = started,
            Outcome = AuditOutcome.Cycle,
            Discriminator = plan.CycleId + "_cycle",
            CycleId = plan.CycleId,
            Detail = plan.Reason is null ? summary : summary + " " + plan.Reason,
            DryRun = dryRun,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cycle {CycleId}: the campaign listing failed, nothing will be planned: {Reason}")]
    private static partial void LogListingFailed(ILogger logger, string cycleId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cycle {CycleId} held for approval: it would pause {Pauses} of {Running} running campaigns")]
    private static partial void LogHeldForApproval(ILogger logger, string cycleId, int pauses, int running);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cycle {CycleId}: {Verdict}, {Pauses} pauses, {Resumes} resumes ({CountingAlerts} alerts count, {Campaigns} campaigns, dry run {DryRun})")]
    private static partial void LogCycle(ILogger logger, string cycleId, PlanVerdict verdict, int pauses, int resumes, int countingAlerts, int campaigns, bool dryRun);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cycle {CycleId}: the hold of campaign {CampaignId} changed meanwhile; left for the next cycle")]
    private static partial void LogHoldConflict(ILogger logger, string cycleId, string campaignId);
}
