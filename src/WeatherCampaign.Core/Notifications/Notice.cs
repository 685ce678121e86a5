using System.Globalization;
using WeatherCampaign.Core.Planning;

namespace WeatherCampaign.Core.Notifications;

/// <summary>What a notice is about; the generic payload's <c>event</c>.</summary>
public enum NoticeEvent { Cycle, Poisoned }

/// <summary>One campaign in a notice. Every field may come from outside (names from the platform): each payload escapes them.</summary>
public sealed record NoticeLine(string CampaignName, string CampaignId, string Why);

/// <summary>A group of lines under a heading ("Paused", "Resumed"); at most <see cref="Notice.MaxLinesPerSection"/> are kept, <see cref="More"/> counts the rest.</summary>
public sealed record NoticeSection(string Heading, IReadOnlyList<NoticeLine> Lines, int More);

/// <summary>
/// One message to the people watching: a cycle's pauses, resumes and held approval, or the interventions the queue gave up on.
/// Plain text throughout; each payload (<see cref="TeamsPayload"/>, <see cref="SlackPayload"/>, <see cref="GenericPayload"/>) formats and escapes it.
/// </summary>
public sealed record Notice(NoticeEvent Event, string Title, string Summary, string? CycleId, bool DryRun, IReadOnlyList<NoticeSection> Sections, DateTimeOffset At)
{
    /// <summary>Lines kept per section: a chat message is read by a person, and Slack refuses a block over 3 000 characters.</summary>
    public const int MaxLinesPerSection = 20;

    /// <summary>
    /// A cycle's notice: its planned pauses and resumes (one message each goes to the queue) and a pause held for approval. Null
    /// when the cycle has none of these to tell.
    /// </summary>
    public static Notice? ForCycle(Plan plan, bool dryRun, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var held = plan.Verdict == PlanVerdict.HeldForApproval;
        if (plan.Pauses == 0 && plan.Resumes == 0 && !held)
        {
            return null;
        }

        var sections = new List<NoticeSection>();
        AddSection(sections, "Pausing", plan.Interventions.Where(i => i.Action == InterventionAction.Pause));
        AddSection(sections, "Resuming", plan.Interventions.Where(i => i.Action == InterventionAction.Resume));
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"Cycle {plan.CycleId}: {plan.Pauses} to pause, {plan.Resumes} to resume; {plan.CampaignsAffected} of {plan.CampaignsListed} campaigns affected, {plan.AlertsCounting} alerts count.");
        if (held)
        {
            summary += string.Create(CultureInfo.InvariantCulture,
                $" HELD FOR APPROVAL: {plan.PausesHeldBack} pauses wait for a person ({plan.Reason}). Approve with 'weathercampaign run --approve' or Policy:ApproveNextLargeCycle.");
        }

        if (dryRun)
        {
            summary += " Dry run: nothing is changed.";
        }

        var title = held ? "Weather pauses held for approval" : "Weather interventions planned";
        return new Notice(NoticeEvent.Cycle, title, summary, plan.CycleId, dryRun, sections, at);
    }

    /// <summary>One notice for the interventions the queue gave up on within one digest window.</summary>
    public static Notice ForPoisoned(IReadOnlyList<PoisonedIntervention> poisoned, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(poisoned);
        var lines = poisoned.Select(p => new NoticeLine(p.CampaignName ?? "(unknown)", p.CampaignId ?? "(unknown)",
            $"{p.Action ?? "(unknown action)"}, cycle {p.CycleId ?? "(unknown)"}")).ToList();
        var cycles = poisoned.Select(p => p.CycleId).Where(c => c is not null).Distinct(StringComparer.Ordinal).ToList();
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{poisoned.Count} interventions failed for good after the queue's retries (interventions-poison); their campaigns were not changed by them. Each has a 'failed' audit row.");
        return new Notice(NoticeEvent.Poisoned, "Weather interventions failed", summary, cycles.Count == 1 ? cycles[0] : null, false,
            [new NoticeSection("Failed", [.. lines.Take(MaxLinesPerSection)], Math.Max(0, lines.Count - MaxLinesPerSection))], at);
    }

    private static void AddSection(List<NoticeSection> sections, string heading, IEnumerable<Intervention> interventions)
    {
        var all = interventions.ToList();
        if (all.Count == 0)
        {
            return;
        }

        var lines = all.Take(MaxLinesPerSection).Select(i => new NoticeLine(i.CampaignName, i.CampaignId, Why(i))).ToList();
        sections.Add(new NoticeSection(heading, lines, all.Count - lines.Count));
    }

    private static string Why(Intervention intervention) => intervention.Action == InterventionAction.Pause
        ? string.Join(", ", intervention.Reason.Events) + (intervention.Reason.Regions.Count > 0 ? " in " + string.Join(", ", intervention.Reason.Regions.Take(5)) : "")
        : "clear of the alerts it was held for";
}

/// <summary>What is known of an intervention the queue gave up on (from its message, when it could be read).</summary>
public sealed record PoisonedIntervention(string? MessageId, string? CycleId, string? CampaignId, string? CampaignName, string? Action);
