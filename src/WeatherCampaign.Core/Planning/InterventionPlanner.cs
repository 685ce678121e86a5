using System.Globalization;
using WeatherCampaign.Core.Alerts;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Regions;

namespace WeatherCampaign.Core.Planning;

/// <summary>
/// The heart of the service, with no I/O: from one cycle's alerts, campaigns and ledger, decide which campaigns to pause and
/// resume. The rules are numbered as in the README's "The planner's rules".
/// </summary>
public sealed class InterventionPlanner(RegionCatalog catalog)
{
    public Plan Plan(PlanningInput input, PolicyOptions policy, DateTimeOffset now)
    {
        var plan = new Plan
        {
            CycleId = input.CycleId,
            PlannedAt = now,
            Feeds = input.Alerts.Feeds,
            AlertsRead = input.Alerts.Alerts.Count,
            CampaignsListed = input.Campaigns?.Campaigns.Count ?? 0,
        };
        if (WhyNoData(input) is { } noData)
        {
            return plan with { Reason = noData };
        }

        var alerts = new AffectingAlerts(catalog, input.Alerts, new AlertPolicy(policy), now);
        var cycle = new Cycle(policy, now, ResumesAllowed: input.Alerts.AllFeedsSucceeded, alerts.Lineages, new ResumeRules(policy));
        var holds = input.Holds.ToDictionary(h => h.CampaignId, StringComparer.Ordinal);
        var decisions = new List<CampaignDecision>(input.Campaigns!.Campaigns.Count);
        var refused = new List<RefusedCampaign>();
        var resuming = new List<WeatherHold>();
        int running = 0, affected = 0;
        foreach (var campaign in input.Campaigns.Campaigns)
        {
            // An id that could change a request path is never planned for: it would only be refused later, as a rejected message.
            // So is an id not of the listing platform's own form (a Genesys Cloud id that is not a GUID).
            if (WhyRefused(campaign.Id, input.Campaigns.IdForm) is { } unsafeReason)
            {
                refused.Add(new RefusedCampaign(campaign, unsafeReason));
                decisions.Add(new CampaignDecision(campaign, DecisionKind.None, $"unsafe campaign id refused ({unsafeReason}): left alone"));
                continue;
            }
            holds.Remove(campaign.Id, out var hold);
            var affecting = alerts.For(campaign);
            running += campaign.Status == CampaignStatus.Running ? 1 : 0;
            affected += affecting is null ? 0 : 1;
            var decision = Decide(campaign, hold, affecting, cycle);
            if (decision.Kind == DecisionKind.Resume)
            {
                resuming.Add(hold!);
            }

            decisions.Add(decision);
        }

        var staged = Stage(decisions, resuming, policy);

        // A held campaign that is no longer listed was deleted: its hold ends.
        var unlisted = holds.Values.Where(h => h.IsActive).Select(h => new HoldChange(HoldChangeKind.Ended, h.Ended("The campaign is no longer listed.", now)));
        plan = plan with
        {
            HasData = true,
            Reason = cycle.ResumesAllowed ? null : "Some feeds failed, so nothing is resumed this cycle: " + DescribeFailures(input.Alerts),
            AlertsCounting = alerts.Counting,
            CampaignsRunning = running,
            CampaignsAffected = affected,
            ResumesAllowed = cycle.ResumesAllowed,
            ResumesStaged = staged,
            Interventions = [.. decisions.Where(d => d.Kind != DecisionKind.None).Select((d, i) => ToIntervention(d, i, input.CycleId, now))],
            HoldChanges = [.. decisions.Select(d => d.Change).OfType<HoldChange>(), .. unlisted],
            Decisions = decisions,
            Refused = refused,
        };
        return plan with { ApprovalNeeded = WhyApprovalNeeded(plan, policy) };
    }

    private static string? WhyRefused(string id, ICampaignIdForm? form) =>
        !CampaignId.IsSafe(id, out var unsafeReason) ? unsafeReason
        : form is not null && !form.Fits(id, out var notOfForm) ? notOfForm
        : null;

    private static Intervention ToIntervention(CampaignDecision decision, int index, string cycleId, DateTimeOffset now) => new(
        $"{cycleId}-{index + 1:D5}", cycleId, decision.Campaign.Id, decision.Campaign.Name,
        decision.Kind == DecisionKind.Pause ? InterventionAction.Pause : InterventionAction.Resume, decision.Reason!, now, decision.Why);

    /// <summary>Staged resume: the resumes over <c>Policy:MaxResumesPerCycle</c> (or its per-region limit) wait, oldest hold first. Returns how many wait.</summary>
    private static int Stage(List<CampaignDecision> decisions, List<WeatherHold> resuming, PolicyOptions policy)
    {
        var deferred = ResumeStaging.Deferred(resuming, policy);
        if (deferred.Count == 0)
        {
            return 0;
        }

        for (var i = 0; i < decisions.Count; i++)
        {
            if (decisions[i].Kind == DecisionKind.Resume && deferred.TryGetValue(decisions[i].Campaign.Id, out var why))
            {
                decisions[i] = decisions[i] with { Kind = DecisionKind.None, Why = why, Reason = null };
            }
        }

        return deferred.Count;
    }

    /// <summary>Rule 5: no data, no action. Null when the listing is complete and at least one feed was read.</summary>
    private static string? WhyNoData(PlanningInput input)
    {
        if (input.Campaigns is null)
        {
            return $"The campaign listing could not be read completely: {input.CampaignsError ?? "unknown error"}";
        }

        if (input.Alerts.Feeds.Count == 0)
        {
            return "No weather feed is configured.";
        }

        if (!input.Alerts.Feeds.Any(f => f.Succeeded))
        {
            return "No weather feed could be read: " + DescribeFailures(input.Alerts);
        }

        return null;
    }

    /// <summary>Rule 6, the one place that decides "over the share": the blast-radius limit on pauses in one cycle.</summary>
    private static string? WhyApprovalNeeded(Plan plan, PolicyOptions policy)
    {
        var pauses = plan.Pauses;
        if (policy.MaxPauseShare >= 1.0 || pauses == 0 || pauses <= policy.MaxPauseShare * plan.CampaignsRunning)
        {
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"The cycle would pause {pauses} of {plan.CampaignsRunning} running campaigns ({(double)pauses / plan.CampaignsRunning:P0}), more than Policy:MaxPauseShare {policy.MaxPauseShare:P0}; approve it to let it through.");
    }

    /// <summary>Rules 3 and 4 for one campaign: what to do with it, and what its hold becomes.</summary>
    private static CampaignDecision Decide(Campaign campaign, WeatherHold? hold, Affecting? affecting, Cycle cycle)
    {
        var reason = affecting?.Reason;
        var active = hold is { IsActive: true } ? hold : null;
        var now = cycle.Now;

        if (cycle.Excluded.Contains(campaign.Id))
        {
            return new(campaign, DecisionKind.None, "excluded by Policy:ExcludedCampaigns", reason);
        }

        if (campaign.OptedOut)
        {
            return new(campaign, DecisionKind.None, $"opted out ({CampaignLabels.AutomationKey}=off)", reason);
        }

        switch (campaign.Status)
        {
            case CampaignStatus.Unknown:
                return new(campaign, DecisionKind.None, $"unknown status '{campaign.RawStatus}': left alone", reason);

            case CampaignStatus.Transitioning:
                return new(campaign, DecisionKind.None, $"changing ({campaign.RawStatus}): left alone until it settles", reason);

            case CampaignStatus.Draft or CampaignStatus.Completed:
                var ended = active is null ? null : new HoldChange(HoldChangeKind.Ended, active.Ended($"The campaign became {campaign.RawStatus}.", now));
                return new(campaign, DecisionKind.None, $"{campaign.RawStatus}: never changed", reason, ended);

            case CampaignStatus.Running when affecting is not null && active is { State: HoldState.Held }:
                // Rule 4: a person resumed what we held; their decision stands for the alerts we held it for (rule 7: and their re-issues).
                return DecideOverridden(campaign, active.OverriddenByPerson(ResumedByPerson, now), affecting, cycle, "resumed by a person while held", justOverridden: true);

            case CampaignStatus.Running when affecting is not null && hold is { State: HoldState.Overridden }:
                return DecideOverridden(campaign, hold, affecting, cycle, "a person resumed it under these alerts", justOverridden: false);

            case CampaignStatus.Running when affecting is not null:
                // Rule 3.
                return new(campaign, DecisionKind.Pause, affecting.Description, reason);

            case CampaignStatus.Running:
                return active?.State switch
                {
                    HoldState.Held => new(campaign, DecisionKind.None, "resumed by a person while held: hold closed", null,
                        new HoldChange(HoldChangeKind.Overridden, active.OverriddenByPerson(ResumedByPerson, now))),
                    HoldState.Pausing => new(campaign, DecisionKind.None, "not affected", null,
                        new HoldChange(HoldChangeKind.Ended, active.Ended("The pause never happened and the weather cleared.", now))),
                    _ => new(campaign, DecisionKind.None, "not affected"),
                };

            case CampaignStatus.Paused when active is null:
                return new(campaign, DecisionKind.None, "paused by someone else: not ours to resume", reason);

            case CampaignStatus.Paused when affecting is not null:
                return DecideStillHeld(campaign, active, affecting, cycle);

            default: // paused, held by us, no longer affected
                return DecideResume(campaign, active ?? throw new System.Diagnostics.UnreachableException(), cycle);
        }
    }

    /// <summary>
    /// Rule 7 for a campaign a person resumed under our hold: the alerts they weighed and the re-issues of those alerts that say
    /// the same (same event, severity not higher) leave it alone; any other alert is news they could not have weighed.
    /// </summary>
    private static CampaignDecision DecideOverridden(Campaign campaign, WeatherHold overridden, Affecting affecting, Cycle cycle, string who, bool justOverridden)
    {
        var findings = affecting.Alerts.Select(a => cycle.Lineages.Judge(a, overridden, weighedOnly: true)).ToList();
        var reissues = findings.Where(f => f.Verdict == LineageVerdict.Reissue).ToList();
        var updated = overridden.WithLineage(
            [.. findings.Where(f => overridden.LineageOf(f.Alert.Id) is null).Select(f => f.Entry)], [.. reissues.Select(f => f.Alert.Id)], cycle.Now);
        var reissueIds = reissues.Select(f => f.Why).ToList();
        var change = justOverridden ? new HoldChange(HoldChangeKind.Overridden, updated, reissueIds)
            : ReferenceEquals(updated, overridden) ? null
            : new HoldChange(HoldChangeKind.Reissued, updated, reissueIds);
        var news = findings.Where(f => f.Verdict == LineageVerdict.News).ToList();
        if (news.Count == 0)
        {
            var through = reissues.Count == 0 ? "" : " (" + string.Join("; ", reissues.Select(f => f.Why)) + ")";
            return new(campaign, DecisionKind.None, $"{who}: not paused again for the same alerts{through}", affecting.Reason, change);
        }

        // An alert outside the lineage, or a re-issue that says more, is news the person could not have weighed.
        return new(campaign, DecisionKind.Pause, $"{who}, now news: {string.Join("; ", news.Select(f => f.Why))}: {affecting.Description}", affecting.Reason, change);
    }

    /// <summary>Rules 4 and 7 for a held campaign still affected: the hold keeps every alert of its lineage, and the clear-for clock restarts.</summary>
    private static CampaignDecision DecideStillHeld(Campaign campaign, WeatherHold held, Affecting affecting, Cycle cycle)
    {
        var findings = affecting.Alerts.Where(a => held.LineageOf(a.Id) is null).Select(a => cycle.Lineages.Judge(a, held, weighedOnly: false)).ToList();
        var reissues = findings.Where(f => f.ReissueOf is not null && !held.Knows(f.Alert.Id)).Select(f => f.Why).ToList();
        var kept = held.StillAffected(affecting.Reason.AlertIds, affecting.Reason.Events, affecting.Reason.Regions, cycle.Now)
            .WithLineage([.. findings.Select(f => f.Entry)], [], cycle.Now)
            .WithEventEnds(affecting.Reason.EventEnds);
        var through = reissues.Count == 0 ? "" : " (" + string.Join("; ", reissues) + ")";
        return new(campaign, DecisionKind.None, "held: still affected by " + affecting.Description + through, affecting.Reason,
            new HoldChange(HoldChangeKind.StillAffected, kept, reissues));
    }

    /// <summary>Rule 4: a held campaign clear of counting alerts for the whole <c>Policy:ClearFor</c> is resumed.</summary>
    private static CampaignDecision DecideResume(Campaign campaign, WeatherHold held, Cycle cycle)
    {
        if (held.ManualHoldReason is { } manual)
        {
            return new(campaign, DecisionKind.None, $"held by an operator: {manual}");
        }

        if (!cycle.ResumesAllowed)
        {
            return new(campaign, DecisionKind.None, "held: clear, but a feed failed, so no resume this cycle");
        }

        var clearFor = cycle.Now - held.ClearSince;
        if (clearFor < cycle.Policy.ClearFor)
        {
            return new(campaign, DecisionKind.None, string.Create(CultureInfo.InvariantCulture,
                $"held: clear for {clearFor.TotalMinutes:0} of {cycle.Policy.ClearFor.TotalMinutes:0} min"));
        }

        // The one place a resume is decided: the resume rules may hold it back further, and say which rule did.
        var verdict = cycle.ResumeRules.Judge(held, campaign, cycle.Now);
        if (!verdict.ResumeNow)
        {
            var changed = held.ResumeHeldBy != verdict.Rule || held.ResumeHeldUntil != verdict.At;
            var heldBack = changed ? new HoldChange(HoldChangeKind.ResumeHeldBack, held.ResumeHeldBack(verdict.Rule, verdict.At, cycle.Now)) : null;
            var why = string.Create(CultureInfo.InvariantCulture, $"held: clear, resume held back until {verdict.At:u} by {verdict.Rule}: {verdict.Why}");
            return new CampaignDecision(campaign, DecisionKind.None, why, null, heldBack) { Warning = verdict.Warning };
        }

        var reason = new InterventionReason(held.AlertIds, held.Events, held.Regions, held.Severity, held.LastAffectedAt);
        var resumedWhy = string.Create(CultureInfo.InvariantCulture, $"clear since {held.ClearSince:u}; resumed under {verdict.Rule}: {verdict.Why}");
        return new CampaignDecision(campaign, DecisionKind.Resume, resumedWhy, reason) { Warning = verdict.Warning };
    }

    private const string ResumedByPerson = "Resumed by a person while the service held it.";

    private static string DescribeFailures(AlertSnapshot alerts) =>
        string.Join("; ", alerts.FailedFeeds.Select(f => $"{f.Feed}: {f.Error}"));

    /// <summary>What every decision of one cycle shares.</summary>
    private sealed record Cycle(PolicyOptions Policy, DateTimeOffset Now, bool ResumesAllowed, AlertLineages Lineages, ResumeRules ResumeRules)
    {
        public HashSet<string> Excluded { get; } = new(Policy.ExcludedCampaigns, StringComparer.Ordinal);
    }
}
