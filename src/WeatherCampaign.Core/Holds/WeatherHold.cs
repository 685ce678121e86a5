namespace WeatherCampaign.Core.Holds;

/// <summary>
/// One campaign the service paused (or is pausing), and why: a row of the <c>weatherholds</c> ledger. A hold changes state
/// only through the methods below, each keeping its rule; the planner, the handlers and the operator commands call them.
/// </summary>
public sealed record WeatherHold
{
    public required string CampaignId { get; init; }
    public string CampaignName { get; init; } = "";
    public required HoldState State { get; init; }
    public IReadOnlyList<string> AlertIds { get; init; } = [];
    public IReadOnlyList<string> Events { get; init; } = [];
    public IReadOnlyList<string> Regions { get; init; } = [];
    public string? Severity { get; init; }
    public DateTimeOffset? PausedAt { get; init; }
    public DateTimeOffset? LastAffectedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Alerts that may no longer pause this campaign, because a person resumed it under them.</summary>
    public IReadOnlyList<string> SuppressedAlertIds { get; init; } = [];

    /// <summary>
    /// The alerts this hold has seen, with what each re-issues: the hold is held, and a person's override stands, for the
    /// whole lineage. The newest <see cref="MaxLineage"/> entries are kept.
    /// </summary>
    public IReadOnlyList<LineageEntry> Lineage { get; init; } = [];

    /// <summary>How many lineage entries a hold keeps: NWS re-issues a warning every few hours, so weeks of one storm.</summary>
    public const int MaxLineage = 64;

    /// <summary>
    /// Per event of the hold's alerts, the latest end (<c>ends</c>, else <c>expires</c>) they announced: <c>Policy:HoldAfter</c>
    /// counts from here, and the ledger keeps it so a restart does not forget it.
    /// </summary>
    public IReadOnlyDictionary<string, DateTimeOffset> EventEnds { get; init; } = NoEnds;

    /// <summary>The rule holding back the resume of this clear hold (<c>Policy:ResumeNotBefore</c>), as last audited; null when none did.</summary>
    public string? ResumeHeldBy { get; init; }

    /// <summary>Until when <see cref="ResumeHeldBy"/> holds the resume back.</summary>
    public DateTimeOffset? ResumeHeldUntil { get; init; }

    /// <summary>The intervention message that last changed this hold.</summary>
    public string? MessageId { get; init; }

    /// <summary>Set by an operator (<c>holds add</c>): the campaign is not resumed automatically until released.</summary>
    public string? ManualHoldReason { get; init; }

    public string? Note { get; init; }

    /// <summary>The ledger's concurrency token for the row this hold was read from or saved as; null for a hold not stored yet.</summary>
    public string? Version { get; init; }

    /// <summary>True while the service is pausing or holding the campaign.</summary>
    public bool IsActive => State is HoldState.Pausing or HoldState.Held;

    /// <summary>Since when the campaign has been clear of the alerts that hold it: the clear-for clock runs from here.</summary>
    public DateTimeOffset ClearSince => LastAffectedAt ?? PausedAt ?? UpdatedAt;

    /// <summary>
    /// The intent written before the service pauses a campaign, so no status change of its own is ever untracked. It takes
    /// over whatever row the campaign has: a person's overrides and an operator's manual hold carry over, and a hold that is
    /// already active (an earlier intervention's) keeps the time the campaign was first paused.
    /// </summary>
    public static WeatherHold StartPausing(
        WeatherHold? existing,
        string campaignId,
        string? campaignName,
        string messageId,
        IReadOnlyList<string> alertIds,
        IReadOnlyList<string> events,
        IReadOnlyList<string> regions,
        string? severity,
        DateTimeOffset affectedAt,
        DateTimeOffset now) => new()
        {
            CampaignId = campaignId,
            CampaignName = campaignName ?? existing?.CampaignName ?? "",
            State = HoldState.Pausing,
            AlertIds = alertIds,
            Events = events,
            Regions = regions,
            Severity = severity,
            PausedAt = existing is { IsActive: true } ? existing.PausedAt : null,
            LastAffectedAt = affectedAt,
            UpdatedAt = now,
            MessageId = messageId,
            SuppressedAlertIds = existing?.SuppressedAlertIds ?? [],
            Lineage = existing?.Lineage ?? [],
            EventEnds = existing is { IsActive: true } ? existing.EventEnds : NoEnds,
            ManualHoldReason = existing?.ManualHoldReason,
            Version = existing?.Version,
        };

    /// <summary>The platform paused the campaign: the service holds it, since the first pause of this hold.</summary>
    public WeatherHold Held(DateTimeOffset now) =>
        this with { State = HoldState.Held, PausedAt = PausedAt ?? now, UpdatedAt = now };

    /// <summary>Still under counting alerts: the new ones join the hold and the clear-for clock restarts.</summary>
    public WeatherHold StillAffected(IReadOnlyList<string> alertIds, IReadOnlyList<string> events, IReadOnlyList<string> regions, DateTimeOffset now)
    {
        RequireActive("still affected");
        return this with
        {
            State = HoldState.Held,
            LastAffectedAt = now,
            UpdatedAt = now,
            AlertIds = Union(AlertIds, alertIds),
            Events = Union(Events, events),
            Regions = Union(Regions, regions),
        };
    }

    /// <summary>The alerts holding the campaign announce these ends, per event: each event keeps the latest it was given.</summary>
    public WeatherHold WithEventEnds(IReadOnlyDictionary<string, DateTimeOffset> ends)
    {
        if (ends.All(e => EventEnds.TryGetValue(e.Key, out var known) && known >= e.Value))
        {
            return this;
        }

        var merged = new Dictionary<string, DateTimeOffset>(EventEnds, StringComparer.OrdinalIgnoreCase);
        foreach (var (eventName, end) in ends)
        {
            merged[eventName] = merged.TryGetValue(eventName, out var known) && known >= end ? known : end;
        }

        return this with { EventEnds = merged };
    }

    /// <summary>The weather cleared, but <paramref name="rule"/> keeps the campaign paused until <paramref name="until"/>.</summary>
    public WeatherHold ResumeHeldBack(string rule, DateTimeOffset until, DateTimeOffset now)
    {
        RequireActive("held back");
        return this with { State = HoldState.Held, ResumeHeldBy = rule, ResumeHeldUntil = until, UpdatedAt = now };
    }

    /// <summary>A resume of this hold is under way: the message that makes it claims the hold first.</summary>
    public WeatherHold StartResuming(string messageId, DateTimeOffset now)
    {
        RequireActive("resumed");
        return this with { MessageId = messageId, UpdatedAt = now };
    }

    /// <summary>The service resumed the campaign: the hold is over.</summary>
    public WeatherHold Released(DateTimeOffset now)
    {
        RequireActive("released");
        return this with { State = HoldState.Released, UpdatedAt = now, Note = "Resumed by the service." };
    }

    /// <summary>
    /// A person resumed the campaign while the service held it. Their decision stands: the hold closes, and the alerts it was
    /// held for join those that may not pause the campaign again.
    /// </summary>
    public WeatherHold OverriddenByPerson(string note, DateTimeOffset now)
    {
        RequireActive("overridden");
        return this with
        {
            State = HoldState.Overridden,
            UpdatedAt = now,
            SuppressedAlertIds = Union(SuppressedAlertIds, AlertIds),
            Note = note,
        };
    }

    /// <summary>The hold ends without a resume: the pause never happened, or the campaign is gone, drafted, completed or someone else's.</summary>
    public WeatherHold Ended(string note, DateTimeOffset now) =>
        this with { State = HoldState.Ended, UpdatedAt = now, Note = note };

    /// <summary>
    /// The alerts a cycle saw join the hold's lineage (an alert already in it keeps its first entry), the newest
    /// <see cref="MaxLineage"/> kept. A person's override also covers the <paramref name="overriddenReissues"/>: re-issues of
    /// alerts they weighed, with no news in them.
    /// </summary>
    public WeatherHold WithLineage(IReadOnlyCollection<LineageEntry> seen, IReadOnlyList<string> overriddenReissues, DateTimeOffset now)
    {
        var known = new HashSet<string>(Lineage.Select(e => e.AlertId), StringComparer.OrdinalIgnoreCase);
        var added = seen.Where(e => known.Add(e.AlertId)).ToList();
        var suppressed = Union(SuppressedAlertIds, overriddenReissues);
        if (added.Count == 0 && ReferenceEquals(suppressed, SuppressedAlertIds))
        {
            return this;
        }

        return this with
        {
            Lineage = [.. Lineage.Concat(added).TakeLast(MaxLineage)],
            SuppressedAlertIds = suppressed,
            UpdatedAt = now,
        };
    }

    /// <summary>What the hold knows of an alert: its lineage entry, or null.</summary>
    public LineageEntry? LineageOf(string alertId) =>
        Lineage.FirstOrDefault(e => string.Equals(e.AlertId, alertId, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the alert is one the hold was made or kept for, or one a person weighed.</summary>
    public bool Knows(string alertId) =>
        IsIn(AlertIds, alertId) || IsIn(SuppressedAlertIds, alertId) || LineageOf(alertId) is not null;

    /// <summary>Whether a person has already weighed every one of <paramref name="alertIds"/>, resuming the campaign under them.</summary>
    public bool Suppresses(IEnumerable<string> alertIds)
    {
        var suppressed = new HashSet<string>(SuppressedAlertIds, StringComparer.OrdinalIgnoreCase);
        return alertIds.All(suppressed.Contains);
    }

    /// <summary>
    /// A manual hold for a campaign the ledger has no row for: a closed row that only carries the reason. The service does not
    /// adopt a campaign it did not pause, but will not resume it after a later weather pause.
    /// </summary>
    public static WeatherHold ManualOnly(string campaignId, string? campaignName, string reason, DateTimeOffset now) => new()
    {
        CampaignId = campaignId,
        CampaignName = campaignName ?? "",
        State = HoldState.Ended,
        UpdatedAt = now,
        ManualHoldReason = reason,
        Note = "Manual hold set before any weather hold; it applies to the next one.",
    };

    /// <summary>An operator keeps the campaign paused whatever the weather says, until they release it.</summary>
    public WeatherHold WithManualHold(string reason, string? campaignName, DateTimeOffset now) => this with
    {
        CampaignName = CampaignName is { Length: > 0 } name ? name : campaignName ?? "",
        ManualHoldReason = reason,
        UpdatedAt = now,
    };

    /// <summary>The operator's reason is gone: the campaign resumes once the weather has been clear long enough.</summary>
    public WeatherHold WithoutManualHold(DateTimeOffset now) => this with { ManualHoldReason = null, UpdatedAt = now };

    private void RequireActive(string transition)
    {
        if (!IsActive)
        {
            throw new InvalidOperationException($"The {State} hold of campaign {Campaigns.CampaignId.ForDisplay(CampaignId)} cannot be {transition}: only an active hold can.");
        }
    }

    /// <summary>
    /// <paramref name="first"/> followed by what <paramref name="second"/> adds to it, compared without case. Neither list holds
    /// a duplicate: a hold's lists are unions, and the planner's reasons are distinct.
    /// </summary>
    private static IReadOnlyList<string> Union(IReadOnlyList<string> first, IReadOnlyList<string> second)
    {
        // Hashing every id of a storm costs more than comparing it with the few a hold often has (bench/README.md, "Planner").
        Func<string, bool> known = first.Count <= ShortList
            ? value => IsIn(first, value)
            : new HashSet<string>(first, StringComparer.OrdinalIgnoreCase).Contains;
        // A steady cycle adds nothing: the hold keeps its own list.
        if (second.All(known))
        {
            return first;
        }

        var union = new List<string>(first.Count + second.Count);
        union.AddRange(first);
        union.AddRange(second.Where(value => !known(value)));
        return union;
    }

    private static readonly IReadOnlyDictionary<string, DateTimeOffset> NoEnds = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many ids a list may hold and still be searched in place rather than hashed.</summary>
    private const int ShortList = 8;

    // An index loop: LINQ's Contains over an IReadOnlyList boxes an enumerator for every id it is asked about.
    private static bool IsIn(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
