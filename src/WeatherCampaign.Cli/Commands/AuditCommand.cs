using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Spectre.Console;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Serialization;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Cli.Commands;

/// <summary><c>audit</c>: the audit trail, newest first, filtered by campaign, outcome and age.</summary>
internal static class AuditCommand
{
    public const string DefaultSince = "24h";
    public const int DefaultLimit = 200;

    public static Command Create(CliEnvironment environment, GlobalOptions global)
    {
        var campaign = new Option<string?>("--campaign") { Description = "Only rows about this campaign id.", HelpName = "ID" };
        campaign.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } id && !CampaignId.IsSafe(id, out var reason))
            {
                result.AddError($"--campaign: {reason}.");
            }
        });
        var outcome = new Option<string?>("--outcome") { Description = "Only rows with this outcome.", HelpName = "OUTCOME" };
        outcome.AcceptOnlyFromAmong(Enum.GetValues<AuditOutcome>().Select(o => o.ToWire()).ToArray());
        var since = new Option<string>("--since")
        {
            Description = "How far back: an age (90m, 24h, 7d) or an ISO 8601 time.",
            HelpName = "AGE|TIME",
            DefaultValueFactory = _ => DefaultSince,
        };
        since.Validators.Add(result =>
        {
            if (CliSettings.ParseSince(result.GetValueOrDefault<string>() ?? "", DateTimeOffset.UtcNow, out var problem) is null)
            {
                result.AddError("--since: " + problem);
            }
        });
        var limit = new Option<int>("--limit") { Description = "At most this many rows.", HelpName = "N", DefaultValueFactory = _ => DefaultLimit };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--limit must be at least 1.");
            }
        });
        var json = new Option<bool>("--json") { Description = "Print the rows as a JSON array instead of a table." };

        var command = new Command("audit", "Show the audit trail (table 'audit'), newest first: every planned, applied, skipped and failed intervention, cycle summaries and operator actions.");
        command.Options.Add(campaign);
        command.Options.Add(outcome);
        command.Options.Add(since);
        command.Options.Add(limit);
        command.Options.Add(json);
        command.SetAction((parse, cancellationToken) => CliApp.GuardAsync(environment, () => ExecuteAsync(
            environment.Settings(parse.GetValue(global.Settings)), environment, parse.GetValue(global.Verbose),
            new AuditFilter(parse.GetValue(campaign), parse.GetValue(outcome), parse.GetValue(since) ?? DefaultSince, parse.GetValue(limit)),
            parse.GetValue(json), cancellationToken), cancellationToken));
        return command;
    }

    public static async Task<int> ExecuteAsync(
        IConfiguration configuration, CliEnvironment environment, bool verbose, AuditFilter filter, bool json, CancellationToken cancellationToken)
    {
        await using var services = await CliServices.StartAsync(configuration, environment, verbose, ServiceNeeds.Storage, cancellationToken).ConfigureAwait(false);
        var now = services.Get<TimeProvider>().GetUtcNow();
        var since = CliSettings.ParseSince(filter.Since, now, out var problem) ?? throw new SettingsException("--since: " + problem);
        AuditOutcome? outcome = null;
        if (filter.Outcome is not null)
        {
            if (!AuditOutcomes.TryParse(filter.Outcome, out var parsed))
            {
                throw new SettingsException($"--outcome: unknown outcome '{filter.Outcome}'.");
            }

            outcome = parsed;
        }

        var rows = new List<AuditRecord>();
        await foreach (var row in services.Get<AuditTrail>()
            .QueryAsync(new AuditQuery(since, now, filter.CampaignId, outcome, filter.Limit), cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }
        // The table keys sort an intervention's rows by its planned time; people read by when things happened.
        var ordered = rows.OrderByDescending(r => r.OccurredAt).ThenByDescending(r => Stage(r.Outcome)).ToList();

        if (json)
        {
            environment.Output.WriteLine(JsonSerializer.Serialize(ordered.Select(ToDocument), WeatherCampaignJson.Indented));
            return ExitCodes.Success;
        }

        var table = TerminalConsole.Table(environment.Console, "TIME (UTC)", "OUTCOME", "CAMPAIGN", TerminalConsole.Id, "ACTION", "DETAIL");
        foreach (var row in ordered)
        {
            table.AddRow(
                TerminalText.Cell(row.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                TerminalText.Cell(row.Outcome.ToWire() + (row.DryRun ? " (dry)" : "")),
                TerminalText.Cell(row.CampaignName, 34),
                TerminalText.Cell(row.CampaignId, 44),
                TerminalText.Cell(row.Action, 6),
                TerminalText.Cell(Detail(row), 110));
        }
        environment.Console.Write(table);
        environment.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{ordered.Count} rows since {since.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC{(ordered.Count >= filter.Limit ? $" (limit {filter.Limit} reached: use --limit or --since)" : "")}."));
        return ExitCodes.Success;
    }

    /// <summary>What a person needs on one line: the row's own words, else the alerts behind it.</summary>
    private static string Detail(AuditRecord row)
    {
        var why = row.Events is { Length: > 0 } events
            ? $"{(row.Action == "resume" ? "cleared: " : "")}{events}{(row.Severity is { } severity ? $" ({severity})" : "")}{(row.Regions is { Length: > 0 } regions ? " in " + regions : "")}"
            : null;
        return (row.Detail, why) switch
        {
            ({ } detail, { } alerts) when row.Outcome is AuditOutcome.Planned or AuditOutcome.Paused => $"{alerts}; {detail}",
            ({ } detail, _) => detail,
            (null, { } alerts) => alerts,
            _ => row.CampaignStatus is { } status ? "campaign " + status : "",
        };
    }

    // Within one moment, newest first: the cycle summary (written last), then its approval hold, then its planned rows.
    private static int Stage(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Cycle => 3,
        AuditOutcome.HeldForApproval => 2,
        AuditOutcome.Planned => 1,
        _ => 0,
    };

    private static object ToDocument(AuditRecord row) => new
    {
        row.OccurredAt,
        Outcome = row.Outcome.ToWire(),
        row.Action,
        row.CampaignId,
        row.CampaignName,
        row.CampaignStatus,
        row.Events,
        row.Regions,
        row.Severity,
        row.AlertIds,
        row.Detail,
        row.CycleId,
        row.MessageId,
        row.Attempt,
        row.DryRun,
    };
}

/// <summary>The rows <c>audit</c> shows.</summary>
/// <param name="Since">An age (<c>24h</c>) or an ISO time, resolved against the service's clock when the command runs.</param>
internal sealed record AuditFilter(string? CampaignId = null, string? Outcome = null, string Since = AuditCommand.DefaultSince, int Limit = AuditCommand.DefaultLimit);
