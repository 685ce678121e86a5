using System.Globalization;
using WeatherCampaign.Core.Alerts;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Regions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Core.Planning;

/// <summary>
/// The heart of the service, with no I/O: from one cycle's alerts, campaigns and ledger, decide which campaigns to
/// pause and resume. The rules are numbered as in the architecture note.
/// </summary>
public sealed class InterventionPlanner(RegionCatalog catalog)
{
    /// <summary>Operators opt a campaign out with this custom attribute set to "off".</summary>
    public const string AutomationAttribute = "weather_automation";

    public Plan Plan(PlanningInput input, PolicyOptions policy, DateTimeOffset now, bool approveLargeCycle = false)
    {
        var alerts = input.Alerts;
        var basePlan = new Plan
        {
            CycleId = input.CycleId,
            PlannedAt = now,
            Verdict = PlanVerdict.NoData,
            Feeds = alerts.Feeds,
            AlertsRead = alerts.Alerts.Count,
            CampaignsListed = input.Campaigns?.Campaigns.Count ?? 0,
        };

        // Rule 5: no data, no action.
        if (input.Campaigns is null)
            return basePlan with { Reason = $"The campaign listing could not be read completely: {input.CampaignsError ?? "unknown error"}" };
        if (alerts.Feeds.Count == 0)
            return basePlan with { Reason = "No weather feed is configured." };
        if (!alerts.Feeds.Any(f => f.Succeeded))
            return basePlan with { Reason = "No weather feed could be read: " + DescribeFailures(alerts) };
        var resumesAllowed = alerts.AllFeedsSucceeded;

        // Rule 1: which alerts count, indexed by region key so matching is one lookup per campaign key.
        var alertPolicy = new AlertPolicy(policy);
        var superseded = AlertPolicy.SupersededIds(alerts.Alerts);
        var byKey = new Dictionary<string, List<WeatherAlert>>(StringComparer.OrdinalIgnoreCase);
        var counting = 0;
        foreach (var alert in alerts.Alerts)
        {
            if (alertPolicy.WhyNotCounting(alert, now, superseded) is not null) continue;
            counting++;
            foreach (var key in catalog.KeysForAlert(alert))
            {
                if (!byKey.TryGetValue(key, out var list)) byKey[key] = list = [];
                list.Add(alert);
            }
        }

        var holds = new Dictionary<string, WeatherHold>(input.Holds.Count, StringComparer.Ordinal);
        foreach (var hold in input.Holds) holds[hold.CampaignId] = hold;
        var excluded = new HashSet<string>(policy.ExcludedCampaigns, StringComparer.Ordinal);

        // Many campaigns name the same regions (US-NY, a group): each distinct list of codes is matched once per cycle.
        var reasons = new Dictionary<string, Affecting?>(StringComparer.Ordinal);
        var reasonsByKeySet = new Dictionary<string, Affecting>(StringComparer.OrdinalIgnoreCase);
        var interventions = new List<Intervention>();
        var changes = new List<HoldChange>();
        var decisions = new List<CampaignDecision>(input.Campaigns.Campaigns.Count);
        // Holds met in the listing (a listing has no duplicate ids, so this stays as small as the ledger).
        var listedHolds = new HashSet<string>(input.Holds.Count, StringComparer.Ordinal);
        var affectedCount = 0;
        var running = 0;
        var refused = new List<RefusedCampaign>();

        foreach (var campaign in input.Campaigns.Campaigns)
        {
            // An id that could change a request path is never planned for: it would only be refused later, as a rejected message.
            if (!CampaignId.IsSafe(campaign.Id, out var unsafeReason))
            {
                refused.Add(new RefusedCampaign(campaign, unsafeReason));
                decisions.Add(new CampaignDecision(campaign, DecisionKind.None, $"unsafe campaign id refused ({unsafeReason}): left alone"));
                continue;
            }
            if (campaign.Status == CampaignStatus.Running) running++;
            if (holds.TryGetValue(campaign.Id, out var hold)) listedHolds.Add(campaign.Id);
            var affecting = Match(campaign, byKey, reasons, reasonsByKeySet);
            var reason = affecting?.Reason;
            if (reason is not null) affectedCount++;

            var decision = Decide(campaign, hold, affecting, excluded, policy, now, resumesAllowed, out var action, out var change);
            decisions.Add(decision);
            if (change is not null) changes.Add(change);
            if (action is { } a)
                interventions.Add(new Intervention(
                    $"{input.CycleId}-{interventions.Count + 1:D5}", input.CycleId, campaign.Id, campaign.Name, a,
                    a == InterventionAction.Pause ? reason! : ResumeReason(hold!), now, NoLedgerRow: hold is null));
        }

        // A held campaign that is no longer listed was deleted: its hold ends.
        foreach (var hold in input.Holds)
        {
            if (hold.IsActive && !listedHolds.Contains(hold.CampaignId))
                changes.Add(new HoldChange(HoldChangeKind.Ended, hold with { State = HoldState.Ended, UpdatedAt = now, Note = "The campaign is no longer listed." }, "no longer listed"));
        }

        var plan = basePlan with
        {
            Verdict = PlanVerdict.Planned,
            Reason = resumesAllowed ? null : "Some feeds failed, so nothing is resumed this cycle: " + DescribeFailures(alerts),
            AlertsCounting = counting,
            CampaignsRunning = running,
            CampaignsAffected = affectedCount,
            ResumesAllowed = resumesAllowed,
            Interventions = interventions,
            HoldChanges = changes,
            Decisions = decisions,
            Refused = refused,
        };

        // Rule 6: the blast-radius limit.
        var pauses = plan.Pauses;
        if (policy.MaxPauseShare < 1.0 && pauses > 0 && !approveLargeCycle && pauses > policy.MaxPauseShare * running)
        {
            plan = plan with
            {
                Verdict = PlanVerdict.HeldForApproval,
                Reason = string.Create(CultureInfo.InvariantCulture,
                    $"The cycle would pause {pauses} of {running} running campaigns ({(double)pauses / running:P0}), more than Policy:MaxPauseShare {policy.MaxPauseShare:P0}; approve it to let it through."),
                Interventions = interventions.Where(i => i.Action != InterventionAction.Pause).ToList(),
                Decisions = decisions.Select(d => d.Kind == DecisionKind.Pause ? d with { Kind = DecisionKind.None, Why = "held for approval: " + d.Why } : d).ToList(),
                PausesHeldBack = pauses,
            };
        }
        return plan;
    }

    private static CampaignDecision Decide(
        Campaign campaign, WeatherHold? hold, Affecting? affecting, HashSet<string> excluded, PolicyOptions policy,
        DateTimeOffset now, bool resumesAllowed, out InterventionAction? action, out HoldChange? change)
    {
        var reason = affecting?.Reason;
        action = null;
        change = null;
        var active = hold is { IsActive: true } ? hold : null;

        if (excluded.Contains(campaign.Id))
            return new(campaign, DecisionKind.None, "excluded by Policy:ExcludedCampaigns", reason);
        if (campaign.Attributes.TryGetValue(AutomationAttribute, out var automation) && string.Equals(automation.Trim(), "off", StringComparison.OrdinalIgnoreCase))
            return new(campaign, DecisionKind.None, $"opted out ({AutomationAttribute}=off)", reason);

        switch (campaign.Status)
        {
            case CampaignStatus.Unknown:
                return new(campaign, DecisionKind.None, $"unknown status '{campaign.RawStatus}': left alone", reason);

            case CampaignStatus.Draft or CampaignStatus.Completed:
                if (active is not null)
                    change = new(HoldChangeKind.Ended, active with { State = HoldState.Ended, UpdatedAt = now, Note = $"The campaign became {campaign.RawStatus}." }, $"campaign is {campaign.RawStatus}");
                return new(campaign, DecisionKind.None, $"{campaign.RawStatus}: never changed", reason);

            case CampaignStatus.Running when reason is not null:
                // Rule 4: a person resumed what we held; their decision stands for the alerts we held it for.
                if (active is { State: HoldState.Held })
                {
                    if (ContainsAll(active.SuppressedAlertIds, active.AlertIds, reason.AlertIds))
                    {
                        change = Overridden(active, reason, now);
                        return new(campaign, DecisionKind.None, "resumed by a person while held: not paused again for the same alerts", reason);
                    }
                    // An alert that came after the hold is news the person could not have weighed.
                    change = Overridden(active, null, now);
                    action = InterventionAction.Pause;
                    return new(campaign, DecisionKind.Pause, "resumed by a person while held, now under a new alert: " + affecting!.Description, reason);
                }
                if (hold is { State: HoldState.Overridden } && ContainsAll(hold.SuppressedAlertIds, [], reason.AlertIds))
                    return new(campaign, DecisionKind.None, "a person resumed it under these alerts: not paused again", reason);
                // Rule 3.
                action = InterventionAction.Pause;
                return new(campaign, DecisionKind.Pause, affecting!.Description, reason);

            case CampaignStatus.Running:
                if (active is { State: HoldState.Held })
                {
                    change = Overridden(active, null, now);
                    return new(campaign, DecisionKind.None, "resumed by a person while held: hold closed");
                }
                if (active is { State: HoldState.Pausing })
                    change = new(HoldChangeKind.Ended, active with { State = HoldState.Ended, UpdatedAt = now, Note = "The pause never happened and the weather cleared." }, "pause never happened; weather cleared");
                return new(campaign, DecisionKind.None, "not affected");

            case CampaignStatus.Paused when active is null:
                return new(campaign, DecisionKind.None, "paused by someone else: not ours to resume", reason);

            case CampaignStatus.Paused when reason is not null:
                change = new(HoldChangeKind.StillAffected, active with
                {
                    State = HoldState.Held,
                    LastAffectedAt = now,
                    UpdatedAt = now,
                    AlertIds = Merge(active.AlertIds, reason.AlertIds),
                    Events = Merge(active.Events, reason.Events),
                    Regions = Merge(active.Regions, reason.Regions),
                }, "still affected");
                return new(campaign, DecisionKind.None, "held: still affected by " + affecting!.Description, reason);

            default: // paused, held by us, no longer affected
                var held = active ?? throw new System.Diagnostics.UnreachableException();
                if (held.ManualHoldReason is { } manual)
                    return new(campaign, DecisionKind.None, $"held by an operator: {manual}");
                if (!resumesAllowed)
                    return new(campaign, DecisionKind.None, "held: clear, but a feed failed, so no resume this cycle");
                var clearSince = held.LastAffectedAt ?? held.PausedAt ?? held.UpdatedAt;
                var clearFor = now - clearSince;
                if (clearFor < policy.ClearFor)
                    return new(campaign, DecisionKind.None, string.Create(CultureInfo.InvariantCulture,
                        $"held: clear for {clearFor.TotalMinutes:0} of {policy.ClearFor.TotalMinutes:0} min"));
                action = InterventionAction.Resume;
                return new(campaign, DecisionKind.Resume, string.Create(CultureInfo.InvariantCulture, $"clear since {clearSince:u}"), ResumeReason(held));
        }
    }

    private static HoldChange Overridden(WeatherHold hold, InterventionReason? reason, DateTimeOffset now) =>
        new(HoldChangeKind.Overridden, hold with
        {
            State = HoldState.Overridden,
            UpdatedAt = now,
            SuppressedAlertIds = Merge(Merge(hold.SuppressedAlertIds, hold.AlertIds), reason?.AlertIds ?? []),
            Note = "Resumed by a person while the service held it.",
        }, "resumed by a person");

    /// <summary>The alerts affecting a set of region keys, and their one-line description, shared by every campaign meeting those keys.</summary>
    private sealed record Affecting(InterventionReason Reason, string Description);

    private Affecting? Match(Campaign campaign, Dictionary<string, List<WeatherAlert>> byKey, Dictionary<string, Affecting?> known, Dictionary<string, Affecting> byKeySet)
    {
        if (byKey.Count == 0 || campaign.Regions.Count == 0) return null;
        // A code holding the separator could pass for two codes: such a list is matched without the cache.
        var codes = campaign.Regions.Count == 1 ? campaign.Regions[0] : string.Join(CodeSeparator, campaign.Regions);
        var cacheable = campaign.Regions.Count == 1 || !AnyContainsSeparator(campaign.Regions);
        if (cacheable && known.TryGetValue(codes, out var cached)) return cached;

        List<string>? matched = null;
        foreach (var key in catalog.KeysForCampaign(campaign.Regions))
        {
            if (byKey.ContainsKey(key)) (matched ??= []).Add(key);
        }
        Affecting? affecting = null;
        if (matched is not null)
        {
            // Lists of codes that differ (US-FL,US-OH and US-FL,US-WA) often meet the same alert keys: build each reason once per key set.
            matched.Sort(StringComparer.OrdinalIgnoreCase);
            var keySet = matched.Count == 1 ? matched[0] : string.Join(CodeSeparator, matched);
            var keySetCacheable = matched.Count == 1 || !AnyContainsSeparator(matched);
            if (!keySetCacheable || !byKeySet.TryGetValue(keySet, out affecting))
            {
                affecting = Affect(matched, byKey);
                if (keySetCacheable) byKeySet[keySet] = affecting;
            }
        }
        if (cacheable) known[codes] = affecting;
        return affecting;
    }

    /// <summary>The reason for the alerts under <paramref name="matched"/> keys: distinct by id, most severe first.</summary>
    private static Affecting Affect(List<string> matched, Dictionary<string, List<WeatherAlert>> byKey)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var distinct = new List<WeatherAlert>();
        foreach (var key in matched)
        {
            foreach (var alert in byKey[key])
            {
                if (ids.Add(alert.Id)) distinct.Add(alert);
            }
        }
        distinct.Sort(MostSevereFirst);
        var alertIds = new List<string>(distinct.Count);
        var events = new List<string>();
        var eventSet = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        DateTimeOffset? until = null;
        foreach (var alert in distinct)
        {
            alertIds.Add(alert.Id);
            var name = alert.Event ?? "(unnamed alert)";
            if (eventSet.Add(name)) events.Add(name);
            if (alert.InForceUntil is { } end && (until is null || end > until)) until = end;
        }
        var reason = new InterventionReason(alertIds, events, matched, distinct[0].Severity.ToString(), until);
        return new Affecting(reason, Describe(reason));
    }

    private static bool AnyContainsSeparator(IReadOnlyList<string> codes)
    {
        for (var i = 0; i < codes.Count; i++)
        {
            if (codes[i]?.Contains(CodeSeparator) == true) return true;
        }
        return false;
    }

    /// <summary>Whether every one of <paramref name="values"/> is in <paramref name="first"/> or <paramref name="second"/> (without case).</summary>
    private static bool ContainsAll(IReadOnlyList<string> first, IReadOnlyList<string> second, IReadOnlyList<string> values)
    {
        if (values.Count == 0) return true;
        if (first.Count + second.Count <= ShortList)
        {
            for (var i = 0; i < values.Count; i++)
            {
                if (IndexOf(first, values[i]) < 0 && IndexOf(second, values[i]) < 0) return false;
            }
            return true;
        }
        var seen = new HashSet<string>(first, StringComparer.OrdinalIgnoreCase);
        seen.UnionWith(second);
        for (var i = 0; i < values.Count; i++)
        {
            if (!seen.Contains(values[i])) return false;
        }
        return true;
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }

    private const char CodeSeparator = '\u001f';

    /// <summary>Lists up to this long are searched in place; longer ones are hashed once (hashing costs more than a few compares).</summary>
    private const int ShortList = 8;

    /// <summary>The order of a reason's alerts: most severe first, then by id, so the same alerts always read the same way.</summary>
    private static readonly Comparer<WeatherAlert> MostSevereFirst = Comparer<WeatherAlert>.Create((a, b) =>
    {
        var bySeverity = ((int)b.Severity).CompareTo((int)a.Severity);
        return bySeverity != 0 ? bySeverity : string.CompareOrdinal(a.Id, b.Id);
    });

    private static InterventionReason ResumeReason(WeatherHold hold) =>
        new(hold.AlertIds, hold.Events, hold.Regions, hold.Severity, hold.LastAffectedAt);

    private static string Describe(InterventionReason reason) =>
        string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", reason.Events)} ({reason.Severity}){(reason.Until is { } until ? $" until {until:u}" : "")}");

    private static string DescribeFailures(AlertSnapshot alerts) =>
        string.Join("; ", alerts.FailedFeeds.Select(f => $"{f.Feed}: {f.Error}"));

    /// <summary>
    /// <paramref name="first"/> followed by what <paramref name="second"/> adds to it, compared without case. Both are lists the
    /// planner made (a reason's, a hold's), which hold no duplicates. Nothing new, as in a steady cycle: <paramref name="first"/> itself.
    /// </summary>
    private static IReadOnlyList<string> Merge(IReadOnlyList<string> first, IReadOnlyList<string> second)
    {
        if (second.Count == 0) return first;
        // A short list is searched in place; a long one (a held campaign under a state-wide storm) is hashed once.
        var lookup = first.Count > ShortList ? new HashSet<string>(first, StringComparer.OrdinalIgnoreCase) : null;
        List<string>? added = null;
        for (var i = 0; i < second.Count; i++)
        {
            var value = second[i];
            var present = lookup?.Contains(value) ?? IndexOf(first, value) >= 0;
            if (!present) (added ??= new List<string>(second.Count)).Add(value);
        }
        if (added is null) return first;
        // Nothing in common (a hold meeting a new storm): the two lists are joined without copying either.
        return new Joined(first, added.Count == second.Count ? second : added);
    }

    /// <summary>Two lists read as one, in order, without copying: what <see cref="Merge"/> returns when something is new.</summary>
    private sealed class Joined(IReadOnlyList<string> first, IReadOnlyList<string> second) : IReadOnlyList<string>
    {
        public int Count => first.Count + second.Count;

        public string this[int index] => index < first.Count ? first[index] : second[index - first.Count];

        public IEnumerator<string> GetEnumerator()
        {
            for (var i = 0; i < first.Count; i++) yield return first[i];
            for (var i = 0; i < second.Count; i++) yield return second[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
