using System.Globalization;
using Spectre.Console;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Cli.Commands;

/// <summary>What <c>explain</c> tells about one campaign.</summary>
internal sealed record CampaignStory(string CampaignId, WeatherHold? Hold, IReadOnlyList<AuditRecord> Events, DateTimeOffset Since)
{
    /// <summary>Every alert the hold knows, in the order it learned them, with what each re-issues and whether a person weighed it.</summary>
    public IReadOnlyList<StoryAlert> Alerts
    {
        get
        {
            if (Hold is null)
            {
                return [];
            }

            var entries = Hold.Lineage.ToDictionary(e => e.AlertId, StringComparer.OrdinalIgnoreCase);
            return [.. Hold.AlertIds.Concat(Hold.SuppressedAlertIds).Concat(Hold.Lineage.Select(e => e.AlertId))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(id => entries.TryGetValue(id, out var entry)
                    ? new StoryAlert(id, entry.ReissueOf, entry.Source, entry.Event, entry.Severity, Hold.Suppresses([id]))
                    : new StoryAlert(id, null, null, null, null, Hold.Suppresses([id])))];
        }
    }

    public void WriteTo(TextWriter output, IAnsiConsole console)
    {
        var name = Hold?.CampaignName is { Length: > 0 } held ? held : Events.Select(e => e.CampaignName).LastOrDefault(n => n is { Length: > 0 });
        output.WriteLine(name is null ? $"Campaign {CampaignId}" : $"Campaign {TerminalWriter.Quote(name)} ({CampaignId})");
        if (Hold is null)
        {
            output.WriteLine("Ledger: no row; the service has never held this campaign.");
        }
        else
        {
            output.WriteLine($"Ledger: {Hold.State.ToString().ToLowerInvariant()} since {Time(Hold.UpdatedAt)}" +
                (Hold.PausedAt is { } paused ? $"; paused by the service at {Time(paused)}" : "") +
                (Hold.LastAffectedAt is { } affected ? $"; last affected {Time(affected)}" : "") + ".");
            output.WriteLine($"  held for: {Join(Hold.Events)}{(Hold.Severity is { } severity ? $" ({severity})" : "")}{(Hold.Regions.Count > 0 ? " in " + Join(Hold.Regions) : "")}");
            if (Hold.Note is { } note)
            {
                output.WriteLine("  note: " + note);
            }

            if (Hold.ManualHoldReason is { } manual)
            {
                output.WriteLine("  manual hold: " + manual);
            }

            output.WriteLine("Alerts (lineage, oldest first):");
            var table = TerminalConsole.Table(console, "ALERT", "EVENT", "SEVERITY", "SOURCE", "LINEAGE", "A PERSON");
            foreach (var alert in Alerts)
            {
                table.AddRow(
                    TerminalText.Cell(alert.AlertId, 80), TerminalText.Cell(alert.Event ?? "(from the pause message)", 40), TerminalText.Cell(alert.Severity),
                    TerminalText.Cell(alert.Source, 30), TerminalText.Cell(alert.ReissueOf is { } earlier ? "re-issue of " + earlier : "first seen", 90),
                    TerminalText.Cell(alert.WeighedByPerson ? "weighed it" : ""));
            }

            console.Write(table);
        }

        output.WriteLine($"Story since {Time(Since)} (audit trail, oldest first):");
        if (Events.Count == 0)
        {
            output.WriteLine("  no audit rows about this campaign.");
            return;
        }

        var story = TerminalConsole.Table(console, "TIME (UTC)", "OUTCOME", "WHO", "RULE", "ACTION", "ALERTS", "DETAIL");
        foreach (var row in Events)
        {
            story.AddRow(
                TerminalText.Cell(Time(row.OccurredAt)), TerminalText.Cell(row.Outcome.ToWire() + (row.DryRun ? " (dry)" : "")), TerminalText.Cell(Who(row)),
                TerminalText.Cell(Rule(row)), TerminalText.Cell(row.Action, 6),
                TerminalText.Cell(row.Events is { } events ? $"{events}{(row.Severity is { } severity ? $" ({severity})" : "")}" : null, 60),
                TerminalText.Cell(row.Detail ?? row.CampaignStatus, 120));
        }

        console.Write(story);
    }

    public object ToDocument() => new
    {
        CampaignId,
        CampaignName = Hold?.CampaignName ?? Events.Select(e => e.CampaignName).LastOrDefault(n => n is { Length: > 0 }),
        Hold = Hold is null ? null : new
        {
            State = Hold.State.ToString().ToLowerInvariant(),
            Hold.PausedAt,
            Hold.LastAffectedAt,
            Hold.UpdatedAt,
            Hold.AlertIds,
            Hold.Events,
            Hold.Regions,
            Hold.Severity,
            Hold.SuppressedAlertIds,
            Hold.ManualHoldReason,
            Hold.Note,
        },
        Alerts,
        Since,
        Story = Events.Select(row => new
        {
            row.OccurredAt,
            Outcome = row.Outcome.ToWire(),
            Who = Who(row),
            Rule = Rule(row),
            row.Action,
            row.AlertIds,
            row.Events,
            row.Regions,
            row.Severity,
            row.CampaignStatus,
            row.Detail,
            row.CycleId,
            row.MessageId,
            row.DryRun,
        }),
    };

    /// <summary>Who acted: a person on the platform, an operator of this tool, or the service.</summary>
    private static string Who(AuditRecord row) => row.Outcome switch
    {
        AuditOutcome.Overridden => "a person (on the platform)",
        AuditOutcome.ManualHold or AuditOutcome.ManualRelease or AuditOutcome.Approved => "an operator",
        AuditOutcome.Skipped or AuditOutcome.Conflict => "the service (a person had changed it)",
        _ => "the service",
    };

    /// <summary>
    /// The rule of the README's "The planner's rules" that decided the row; a change applied is decided by its planned row's
    /// rule (same message).
    /// </summary>
    private string Rule(AuditRecord row) =>
        row.Outcome is AuditOutcome.Paused or AuditOutcome.Resumed
        && Events.FirstOrDefault(e => e.Outcome == AuditOutcome.Planned && e.MessageId == row.MessageId) is { } planned
            ? RuleOf(planned)
            : RuleOf(row);

    private static string RuleOf(AuditRecord row) => row.Outcome switch
    {
        AuditOutcome.Reissue => "7 lineage",
        AuditOutcome.Planned when row.Detail?.Contains("news", StringComparison.Ordinal) == true => "7 news",
        AuditOutcome.Planned or AuditOutcome.Resumed when row.Action == "resume" => "4 clear",
        AuditOutcome.Planned or AuditOutcome.Paused => "3 affected",
        AuditOutcome.Overridden => "4 person",
        AuditOutcome.HeldForApproval or AuditOutcome.Approved => "6 share",
        AuditOutcome.Halted or AuditOutcome.Stale => "apply-time policy",
        AuditOutcome.ManualHold or AuditOutcome.ManualRelease => "manual hold",
        _ => "",
    };

    private static string Join(IEnumerable<string> values) => string.Join(", ", values);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
