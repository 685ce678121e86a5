using System.Globalization;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Alerts;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Operations;
using WeatherCampaign.Core.Planning;
using WeatherCampaign.Core.Regions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Core.Dashboard;

/// <summary>
/// What the status page reads and does, the same behind the Functions app's HTTP trigger and <c>weathercampaign dashboard</c>:
/// the alerts in force, the holds, a cycle waiting for approval and the audit trail; approve, hold and release, each done
/// by the signed-in person through the handler the CLI uses (<see cref="PollWeatherHandler"/>, <see cref="OperatorHolds"/>),
/// so each is audited with that person's name.
/// </summary>
public sealed class StatusPage(
    IAlertSource alerts,
    ICampaignPlatform platform,
    OperatorHolds holds,
    AuditTrail audit,
    PollWeatherHandler cycle,
    StorageClients storage,
    RegionCatalog catalog,
    IOptionsMonitor<PolicyOptions> policy,
    TimeProvider timeProvider)
{
    /// <summary>The most audit rows one request returns.</summary>
    public const int MaxAuditRows = 500;

    public async Task<StatusReport> ReadAsync(string user, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var settings = policy.CurrentValue;
        var holdsTask = holds.ListAsync(cancellationToken: cancellationToken);
        var approvalTask = PendingApprovalAsync(now, cancellationToken);
        var snapshot = await alerts.ReadAsync(cancellationToken).ConfigureAwait(false);

        var alertPolicy = new AlertPolicy(settings);
        var superseded = new Supersessions(snapshot.Alerts, snapshot.Feeds);
        var inForce = new List<AlertView>();
        var alertKeys = new HashSet<string>(RegionKey.Comparer);
        var stateSeverity = new Dictionary<string, AlertSeverity>(StringComparer.Ordinal);
        var countySeverity = new Dictionary<string, AlertSeverity>(StringComparer.Ordinal);
        foreach (var alert in snapshot.Alerts)
        {
            if (alertPolicy.WhyNotCounting(alert, now, superseded) is not null)
            {
                continue;
            }

            var keys = catalog.KeysForAlert(alert);
            alertKeys.UnionWith(keys);
            var (states, counties) = MapAreas.Of(keys);
            Worst(stateSeverity, states, alert.Severity);
            Worst(countySeverity, counties, alert.Severity);
            inForce.Add(new AlertView(alert.Id, alert.Feed, alert.Event, alert.Severity.ToString(), alert.AreaDescription ?? alert.Headline, alert.InForceUntil,
                [.. states], [.. counties]));
        }

        var heldCampaigns = new Dictionary<string, int>(StringComparer.Ordinal);
        var holdViews = new List<HoldView>();
        foreach (var hold in await holdsTask.ConfigureAwait(false))
        {
            var keys = catalog.KeysForCampaign(hold.Regions);
            var stillAffected = hold.IsActive && (keys.Overlaps(alertKeys) || hold.Regions.Any(alertKeys.Contains));
            var (states, _) = MapAreas.Of(keys.Concat(hold.Regions));
            if (hold.IsActive)
            {
                foreach (var state in states)
                {
                    heldCampaigns[state] = heldCampaigns.GetValueOrDefault(state) + 1;
                }
            }

            holdViews.Add(ToView(hold, stillAffected, [.. states], settings.ClearFor, now));
        }

        return new StatusReport(
            now,
            user,
            settings.Halt ? "Halted" : settings.Mode.ToString(),
            settings.ClearFor,
            [.. inForce.OrderByDescending(a => Enum.Parse<AlertSeverity>(a.Severity)).ThenBy(a => a.Until ?? DateTimeOffset.MaxValue).ThenBy(a => a.Id, StringComparer.Ordinal)],
            [.. snapshot.Feeds.Select(f => new FeedView(f.SourceName, f.Succeeded, f.AlertCount, f.Error))],
            holdViews,
            await approvalTask.ConfigureAwait(false),
            new MapShading(
                stateSeverity.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal),
                countySeverity.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal),
                heldCampaigns));
    }

    /// <summary>The audit rows of the last <paramref name="window"/>, newest first, filtered like <c>weathercampaign audit</c>.</summary>
    public async Task<IReadOnlyList<AuditView>> AuditAsync(
        TimeSpan window, string? campaignId, AuditOutcome? outcome, int limit, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var rows = new List<AuditView>();
        await foreach (var row in audit.QueryAsync(new AuditQuery(now - window, now, campaignId, outcome, Math.Clamp(limit, 1, MaxAuditRows)), cancellationToken)
            .ConfigureAwait(false))
        {
            rows.Add(new AuditView(row.OccurredAt, row.Outcome.ToWire(), row.Action, row.CampaignId, row.CampaignName, row.Events, row.Regions, row.Detail, row.CycleId, row.DryRun));
        }

        return rows;
    }

    /// <summary>
    /// Runs a cycle now with the person's approval, as <c>weathercampaign run --approve</c> does, and puts its interventions on
    /// the queue the ApplyIntervention function reads. The cycle plans on the alerts of this moment, not those of the held
    /// cycle; its <c>approved</c> audit row names the person.
    /// </summary>
    public async Task<ActionResult> ApproveAsync(string user, CancellationToken cancellationToken = default)
    {
        var result = await cycle.RunAsync(new CycleRequest(ApproveLargeCycle: true) { ApprovedBy = $"{user} on the status page" }, cancellationToken)
            .ConfigureAwait(false);
        var queue = storage.Queue(InterventionQueues.Name);
        foreach (var message in result.Messages)
        {
            await queue.SendMessageAsync(message, cancellationToken).ConfigureAwait(false);
        }

        var plan = result.Plan;
        return new ActionResult(true, plan.ApprovedBy is not null
            ? string.Create(CultureInfo.InvariantCulture, $"Cycle {plan.CycleId} approved by {user}: {plan.Pauses} pauses and {plan.Resumes} resumes queued.")
            : string.Create(CultureInfo.InvariantCulture,
                $"Cycle {plan.CycleId} ran ({plan.Verdict}) and needed no approval: {plan.Pauses} pauses and {plan.Resumes} resumes queued."));
    }

    /// <summary>A manual hold, as <c>holds add</c> sets it; refused for a campaign the tenant does not have.</summary>
    public async Task<ActionResult> AddHoldAsync(string user, string campaignId, string reason, CancellationToken cancellationToken = default)
    {
        if (!CampaignId.IsSafe(campaignId, out var unsafeReason))
        {
            return new ActionResult(false, $"campaignId: {unsafeReason}.");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > OperatorHolds.MaxReasonLength)
        {
            return new ActionResult(false, $"Give a reason of 1 to {OperatorHolds.MaxReasonLength} characters.");
        }

        string? name = null;
        try
        {
            var campaign = await platform.GetCampaignAsync(campaignId, cancellationToken).ConfigureAwait(false);
            if (campaign is null)
            {
                return new ActionResult(false, $"No campaign '{campaignId}' on the tenant; nothing changed.");
            }

            name = campaign.Name;
        }
        catch (Exception ex) when (ex is CampaignApiException or HttpRequestException)
        {
            // As 'holds add': an unreachable tenant does not stop an operator from keeping a campaign paused.
        }

        var result = await holds.AddAsync(campaignId, name, reason, user, cancellationToken).ConfigureAwait(false);
        return new ActionResult(true, result.Change == ManualHoldChange.Created || result.Hold is not { IsActive: true }
            ? $"Manual hold set on {campaignId} by {user}; the service does not hold it now and will not resume it after its next weather pause."
            : $"Manual hold set on {campaignId} by {user}; the service keeps it paused until it is released.");
    }

    /// <summary>Releases a manual hold, as <c>holds release</c> does.</summary>
    public async Task<ActionResult> ReleaseHoldAsync(string user, string campaignId, CancellationToken cancellationToken = default)
    {
        if (!CampaignId.IsSafe(campaignId, out var unsafeReason))
        {
            return new ActionResult(false, $"campaignId: {unsafeReason}.");
        }

        var result = await holds.ReleaseAsync(campaignId, user, cancellationToken).ConfigureAwait(false);
        return result.Change == ManualHoldChange.Unchanged
            ? new ActionResult(false, $"Campaign {campaignId} has no manual hold; nothing changed.")
            : new ActionResult(true, $"Manual hold on {campaignId} released by {user}.");
    }

    /// <summary>The latest cycle of today or yesterday, when it was held for approval (a later cycle that went through settles it).</summary>
    private async Task<ApprovalView?> PendingApprovalAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        AuditRecord? latestCycle = null;
        var held = new List<AuditRecord>();
        await foreach (var row in audit.QueryAsync(new AuditQuery(now.AddDays(-1), now, Limit: 2_000), cancellationToken).ConfigureAwait(false))
        {
            if (row.Outcome == AuditOutcome.Cycle && row.CampaignId is null)
            {
                latestCycle ??= row;
            }
            else if (row.Outcome == AuditOutcome.HeldForApproval)
            {
                held.Add(row);
            }
        }

        var latestHeld = held.MaxBy(r => r.OccurredAt);
        if (latestHeld is null || (latestCycle is not null && latestCycle.CycleId != latestHeld.CycleId && latestCycle.OccurredAt > latestHeld.OccurredAt))
        {
            return null;
        }

        return new ApprovalView(latestHeld.CycleId ?? "", latestHeld.OccurredAt, latestHeld.Detail, held.Count);
    }

    private static HoldView ToView(WeatherHold hold, bool stillAffected, IReadOnlyList<string> states, TimeSpan clearFor, DateTimeOffset now)
    {
        var clear = hold.IsActive && !stillAffected ? now - hold.ClearSince : (TimeSpan?)null;
        DateTimeOffset? resumesAt = hold.IsActive && !stillAffected && hold.ManualHoldReason is null && hold.State == HoldState.Held
            ? hold.ClearSince + clearFor
            : null;
        return new HoldView(hold.CampaignId, hold.CampaignName, hold.State.ToString().ToLowerInvariant(), Why(hold), hold.PausedAt, hold.ClearSince,
            stillAffected, clear, resumesAt, hold.ManualHoldReason, states);
    }

    private static string Why(WeatherHold hold)
    {
        if (hold.Events.Count == 0)
        {
            return hold.Note ?? "";
        }

        var why = string.Join(", ", hold.Events) + (hold.Severity is { } severity ? $" ({severity})" : "");
        return hold.Regions.Count > 0 ? why + " in " + string.Join(", ", hold.Regions) : why;
    }

    private static void Worst(Dictionary<string, AlertSeverity> worst, IEnumerable<string> areas, AlertSeverity severity)
    {
        foreach (var area in areas)
        {
            if (!worst.TryGetValue(area, out var current) || severity > current)
            {
                worst[area] = severity;
            }
        }
    }
}
