using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using WeatherCampaign.Core.Alerts;
using WeatherCampaign.Core.Planning;
using WeatherCampaign.Core.Serialization;

namespace WeatherCampaign.Cli.Commands;

/// <summary>How a plan reads: a table of decisions and a summary line for people, one JSON document for machines.</summary>
internal static class PlanReport
{
    public static void WriteTable(Plan plan, IAnsiConsole console)
    {
        if (plan.Decisions.Count == 0)
        {
            return;
        }

        var table = TerminalConsole.Table(console, "CAMPAIGN", TerminalConsole.Id, "REGION", "STATUS", "ACTION", "REASON");
        foreach (var decision in plan.Decisions.OrderBy(d => Rank(d.Kind)).ThenBy(d => d.Campaign.Name, StringComparer.CurrentCultureIgnoreCase))
        {
            var campaign = decision.Campaign;
            table.AddRow(
                TerminalText.Cell(campaign.Name, 34), TerminalText.Cell(campaign.Id, 44), TerminalText.Cell(string.Join(",", campaign.Regions), 22),
                TerminalText.Cell(campaign.RawStatus, 10), TerminalText.Cell(Action(decision.Kind), 7), TerminalText.Cell(Reason(decision), 120));
        }
        console.Write(table);
    }

    public static string Summary(Plan plan, bool dryRun)
    {
        var feeds = string.Join("; ", plan.Feeds.Select(f => f.Succeeded
            ? string.Create(CultureInfo.InvariantCulture, $"{f.Feed}: {f.AlertCount} alerts{(f.NotModified ? " (not modified)" : "")}{(f.Skipped > 0 ? $", {f.Skipped} skipped ({f.SkippedBecause})" : "")}")
            : $"{f.Feed}: FAILED ({f.Error})"));
        var held = plan.PausesHeldBack > 0 ? string.Create(CultureInfo.InvariantCulture, $", {plan.PausesHeldBack} pauses held for approval") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"Cycle {plan.CycleId}{(dryRun ? " (dry run: nothing changed)" : "")}: {Verdict(plan.Verdict)}. {plan.Pauses} to pause, {plan.Resumes} to resume{held}; " +
            $"{plan.CampaignsAffected} of {plan.CampaignsListed} campaigns affected ({plan.CampaignsRunning} running); " +
            $"{plan.AlertsCounting} of {plan.AlertsRead} alerts count. Feeds: {(feeds.Length == 0 ? "none" : feeds)}.");
    }

    public static void WriteSummary(Plan plan, bool dryRun, TextWriter output)
    {
        output.WriteLine(Summary(plan, dryRun));
        if (plan.Reason is { } reason)
        {
            output.WriteLine((plan.Verdict == PlanVerdict.HeldForApproval ? "HELD FOR APPROVAL: " : "Note: ") + reason);
        }
    }

    public static void WriteJson(Plan plan, bool dryRun, TextWriter output) =>
        output.WriteLine(JsonSerializer.Serialize(ToDocument(plan, dryRun), WeatherCampaignJson.Indented));

    public static string Action(DecisionKind kind) => kind switch
    {
        DecisionKind.Pause => "pause",
        DecisionKind.Resume => "resume",
        _ => "-",
    };

    /// <summary>The planner's reason, plus the alerts over the campaign when the reason does not name them already.</summary>
    public static string Reason(CampaignDecision decision)
    {
        if (decision.Reason is not { Events.Count: > 0 } reason || decision.Kind != DecisionKind.None || decision.Why.Contains(reason.Events[0], StringComparison.OrdinalIgnoreCase))
        {
            return decision.Why;
        }

        return $"{decision.Why}; under {Describe(reason)}";
    }

    public static string Describe(InterventionReason reason) => string.Create(CultureInfo.InvariantCulture,
        $"{string.Join(", ", reason.Events)} ({reason.Severity}){(reason.Until is { } until ? $" until {until:u}" : "")}");

    private static string Verdict(PlanVerdict verdict) => verdict switch
    {
        PlanVerdict.Planned => "planned",
        PlanVerdict.NoData => "NO DATA, nothing planned",
        _ => "HELD FOR APPROVAL",
    };

    private static int Rank(DecisionKind kind) => kind switch
    {
        DecisionKind.Pause => 0,
        DecisionKind.Resume => 1,
        _ => 2,
    };

    private static PlanDocument ToDocument(Plan plan, bool dryRun) => new(
        plan.CycleId, plan.PlannedAt, plan.Verdict, plan.Reason, dryRun,
        plan.AlertsRead, plan.AlertsCounting, plan.CampaignsListed, plan.CampaignsRunning, plan.CampaignsAffected,
        plan.Pauses, plan.Resumes, plan.PausesHeldBack, plan.Feeds,
        plan.Decisions.Select(d => new DecisionDocument(
            d.Campaign.Id, d.Campaign.Name, d.Campaign.Regions, d.Campaign.RawStatus, Action(d.Kind) is "-" ? "none" : Action(d.Kind), d.Why,
            d.Reason?.Events, d.Reason?.Severity, d.Reason?.Until, d.Reason?.AlertIds, d.Reason?.Regions)).ToList());

    private sealed record PlanDocument(
        string CycleId, DateTimeOffset PlannedAt, PlanVerdict Verdict, string? Reason, bool DryRun,
        int AlertsRead, int AlertsCounting, int CampaignsListed, int CampaignsRunning, int CampaignsAffected,
        int Pauses, int Resumes, int PausesHeldBack, IReadOnlyList<FeedOutcome> Feeds, IReadOnlyList<DecisionDocument> Decisions);

    private sealed record DecisionDocument(
        string CampaignId, string CampaignName, IReadOnlyList<string> Regions, string Status, string Action, string Why,
        IReadOnlyList<string>? Events, string? Severity, DateTimeOffset? Until, IReadOnlyList<string>? AlertIds, IReadOnlyList<string>? MatchedRegions);
}
