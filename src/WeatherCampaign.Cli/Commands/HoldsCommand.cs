using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Spectre.Console;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Operations;
using WeatherCampaign.Core.Serialization;

namespace WeatherCampaign.Cli.Commands;

/// <summary><c>holds</c>: the campaigns the service holds; <c>holds add</c> / <c>holds release</c>: an operator's manual hold.</summary>
internal static class HoldsCommand
{
    public static Command Create(CliEnvironment environment, GlobalOptions global)
    {
        var all = new Option<bool>("--all") { Description = "Also show closed ledger rows (released, overridden, ended)." };
        var json = new Option<bool>("--json") { Description = "Print the holds as a JSON array instead of a table." };
        var command = new Command("holds",
            "Show the campaigns the service currently holds (pausing or held: table 'weatherholds'), why and since when, and any manual holds. " +
            "'holds add' keeps a campaign paused whatever the weather; 'holds release' lets the service resume it again.");
        command.Options.Add(all);
        command.Options.Add(json);
        command.SetAction((parse, cancellationToken) => CliApp.GuardAsync(environment, () => ListAsync(
            Configuration(parse, global, environment), environment, parse.GetValue(global.Verbose), parse.GetValue(all), parse.GetValue(json), cancellationToken),
            cancellationToken));

        var addId = CampaignArgument();
        var by = OperatorOptions.By();
        var reason = new Option<string>("--reason")
        {
            Description = "Why the campaign must stay paused (shown in 'holds', 'plan' and the audit trail).",
            HelpName = "TEXT",
            Required = true,
        };
        reason.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (string.IsNullOrWhiteSpace(text))
            {
                result.AddError("--reason must not be empty.");
            }
            else if (text.Trim().Length > OperatorHolds.MaxReasonLength)
            {
                result.AddError($"--reason is at most {OperatorHolds.MaxReasonLength} characters.");
            }
        });
        var add = new Command("add",
            "Set a manual hold: the service will not resume this campaign, even when the weather clears, until 'holds release'. " +
            "It does not pause a running campaign; a campaign the service is not holding keeps the hold for its next weather pause.");
        add.Arguments.Add(addId);
        add.Options.Add(reason);
        add.Options.Add(by);
        add.SetAction((parse, cancellationToken) => CliApp.GuardAsync(environment, () => AddAsync(
            Configuration(parse, global, environment), environment, parse.GetValue(global.Verbose),
            parse.GetRequiredValue(addId), parse.GetRequiredValue(reason), parse.GetValue(by), cancellationToken), cancellationToken));
        command.Subcommands.Add(add);

        var releaseId = CampaignArgument();
        var releasedBy = OperatorOptions.By();
        var release = new Command("release", "Clear a manual hold: the next cycle resumes the campaign once the weather has been clear for Policy:ClearFor.");
        release.Arguments.Add(releaseId);
        release.Options.Add(releasedBy);
        release.SetAction((parse, cancellationToken) => CliApp.GuardAsync(environment, () => ReleaseAsync(
            Configuration(parse, global, environment), environment, parse.GetValue(global.Verbose),
            parse.GetRequiredValue(releaseId), parse.GetValue(releasedBy), cancellationToken), cancellationToken));
        command.Subcommands.Add(release);
        return command;
    }

    public static async Task<int> ListAsync(
        IConfiguration configuration, CliEnvironment environment, bool verbose, bool all, bool json, CancellationToken cancellationToken)
    {
        await using var services = await CliServices.StartAsync(configuration, environment, verbose, ServiceNeeds.Storage, cancellationToken).ConfigureAwait(false);
        var holds = await services.Get<OperatorHolds>().ListAsync(all, cancellationToken).ConfigureAwait(false);
        var output = environment.Output;
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(holds.Select(ToDocument), WeatherCampaignJson.Indented));
            return ExitCodes.Success;
        }
        if (holds.Count == 0)
        {
            output.WriteLine(all ? "The ledger is empty." : "The service holds no campaign.");
            return ExitCodes.Success;
        }

        var table = TerminalConsole.Table(environment.Console, "CAMPAIGN", TerminalConsole.Id, "STATE", "SINCE (UTC)", "LAST AFFECTED", "WHY", "MANUAL HOLD");
        foreach (var hold in holds)
        {
            table.AddRow(
                TerminalText.Cell(hold.CampaignName, 34), TerminalText.Cell(hold.CampaignId, 44), TerminalText.Cell(hold.State.ToString().ToLowerInvariant(), 10),
                TerminalText.Cell(Time(hold.PausedAt ?? hold.UpdatedAt)), TerminalText.Cell(hold.LastAffectedAt is { } last ? Time(last) : null),
                TerminalText.Cell(Why(hold), 80), TerminalText.Cell(hold.ManualHoldReason, 60));
        }
        environment.Console.Write(table);
        var active = holds.Count(h => h.IsActive);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{active} campaign{(active == 1 ? "" : "s")} held by the service; {holds.Count(h => h.ManualHoldReason is not null)} with a manual hold."));
        return ExitCodes.Success;
    }

    public static async Task<int> AddAsync(
        IConfiguration configuration, CliEnvironment environment, bool verbose, string campaignId, string reason, string? by, CancellationToken cancellationToken)
    {
        await using var services = await CliServices.StartAsync(configuration, environment, verbose, ServiceNeeds.Storage, cancellationToken).ConfigureAwait(false);
        var (found, name) = await LookUpAsync(services, environment, campaignId, cancellationToken).ConfigureAwait(false);
        if (!found)
        {
            await environment.Error.WriteLineAsync($"No campaign '{campaignId}' on the tenant; nothing changed.").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        var result = await services.Get<OperatorHolds>().AddAsync(campaignId, name, reason, by, cancellationToken).ConfigureAwait(false);
        var hold = result.Hold!;
        var label = hold.CampaignName is { Length: > 0 } n ? $"'{n}' ({campaignId})" : campaignId;
        environment.Output.WriteLine(result.Change == ManualHoldChange.Created || !hold.IsActive
            ? $"Manual hold set on {label}: {reason.Trim()}. The service does not hold it now; it will not resume it after its next weather pause."
            : $"Manual hold set on {label}: {reason.Trim()}. The service keeps it paused until 'holds release {campaignId}'.");
        return ExitCodes.Success;
    }

    public static async Task<int> ReleaseAsync(
        IConfiguration configuration, CliEnvironment environment, bool verbose, string campaignId, string? by, CancellationToken cancellationToken)
    {
        await using var services = await CliServices.StartAsync(configuration, environment, verbose, ServiceNeeds.Storage, cancellationToken).ConfigureAwait(false);
        var result = await services.Get<OperatorHolds>().ReleaseAsync(campaignId, by, cancellationToken).ConfigureAwait(false);
        environment.Output.WriteLine(result switch
        {
            { Change: ManualHoldChange.Unchanged } => $"Campaign {campaignId} has no manual hold; nothing changed.",
            { Hold.IsActive: true } => $"Manual hold released on {campaignId}. The next cycle resumes it once the weather has been clear for Policy:ClearFor.",
            _ => $"Manual hold released on {campaignId}.",
        });
        return ExitCodes.Success;
    }

    private static IConfiguration Configuration(ParseResult parse, GlobalOptions global, CliEnvironment environment) =>
        environment.Settings(parse.GetValue(global.Settings));


    private static Argument<string> CampaignArgument()
    {
        var id = new Argument<string>("campaignId") { Description = "The campaign's id on the platform (as 'plan' and 'holds' show it)." };
        id.Validators.Add(result =>
        {
            if (!CampaignId.IsSafe(result.GetValueOrDefault<string>(), out var reason))
            {
                result.AddError($"campaignId: {reason}.");
            }
        });
        return id;
    }

    /// <summary>The campaign's name from the tenant; an unreachable or unconfigured tenant does not stop an operator from setting a hold.</summary>
    private static async Task<(bool Found, string? Name)> LookUpAsync(CliServices services, CliEnvironment environment, string campaignId, CancellationToken cancellationToken)
    {
        try
        {
            var campaign = await services.Get<ICampaignPlatform>().GetCampaignAsync(campaignId, cancellationToken).ConfigureAwait(false);
            return (campaign is not null, campaign?.Name);
        }
        catch (Exception ex) when (ex is CampaignApiException or OptionsValidationException or HttpRequestException)
        {
            await environment.Error.WriteLineAsync($"warning: could not read campaign {campaignId} from the tenant ({ex.Message.Split('\n', 2)[0]}); setting the hold anyway.").ConfigureAwait(false);
            return (true, null);
        }
    }

    private static string Why(WeatherHold hold)
    {
        if (hold.Events.Count == 0)
        {
            return hold.Note ?? "";
        }

        var why = string.Join(", ", hold.Events) + (hold.Severity is { } severity ? $" ({severity})" : "");
        if (hold.Regions.Count > 0)
        {
            why += " in " + string.Join(", ", hold.Regions);
        }

        if (hold.IsActive && hold.ResumeHeldBy is { } rule && hold.ResumeHeldUntil is { } until)
        {
            why += $"; resume held back until {Time(until)} by {rule}";
        }

        return why;
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static object ToDocument(WeatherHold hold) => new
    {
        hold.CampaignId,
        hold.CampaignName,
        State = hold.State.ToString().ToLowerInvariant(),
        hold.IsActive,
        hold.PausedAt,
        hold.LastAffectedAt,
        hold.UpdatedAt,
        hold.Events,
        hold.Regions,
        hold.Severity,
        hold.AlertIds,
        hold.ManualHoldReason,
        hold.Note,
        hold.EventEnds,
        hold.ResumeHeldBy,
        hold.ResumeHeldUntil,
    };
}
