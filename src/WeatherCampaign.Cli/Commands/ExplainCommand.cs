using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Serialization;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Cli.Commands;

/// <summary>
/// <c>explain</c>: one campaign's whole story for a complaint or an examiner, from the ledger (its hold and the lineage of the
/// alerts behind it) and the audit trail (every row about it, oldest first): which alerts, which rule, who acted and when.
/// </summary>
internal static class ExplainCommand
{
    public const string DefaultSince = "30d";

    public static Command Create(CliEnvironment environment, GlobalOptions global)
    {
        var id = new Argument<string>("campaignId") { Description = "The campaign's id on the platform (as 'plan', 'holds' and 'audit' show it)." };
        id.Validators.Add(result =>
        {
            if (!CampaignId.IsSafe(result.GetValueOrDefault<string>(), out var reason))
            {
                result.AddError($"campaignId: {reason}.");
            }
        });
        var since = new Option<string>("--since")
        {
            Description = "How far back the audit trail is read: an age (90m, 24h, 7d) or an ISO 8601 time.",
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
        var json = new Option<bool>("--json") { Description = "Print the story as one JSON document instead of text." };

        var command = new Command("explain",
            "Tell one campaign's story from the ledger and the audit trail: the alerts behind its hold with their lineage (what re-issues what, " +
            "what a person weighed), then every event about it, oldest first, with the rule that decided it and who acted.");
        command.Arguments.Add(id);
        command.Options.Add(since);
        command.Options.Add(json);
        command.SetAction((parse, cancellationToken) => CliApp.GuardAsync(environment, () => ExecuteAsync(
            environment.Settings(parse.GetValue(global.Settings)), environment, parse.GetValue(global.Verbose),
            parse.GetRequiredValue(id), parse.GetValue(since) ?? DefaultSince, parse.GetValue(json), cancellationToken), cancellationToken));
        return command;
    }

    public static async Task<int> ExecuteAsync(
        IConfiguration configuration, CliEnvironment environment, bool verbose, string campaignId, string sinceText, bool json, CancellationToken cancellationToken)
    {
        await using var services = await CliServices.StartAsync(configuration, environment, verbose, ServiceNeeds.Storage, cancellationToken).ConfigureAwait(false);
        var now = services.Get<TimeProvider>().GetUtcNow();
        var since = CliSettings.ParseSince(sinceText, now, out var problem) ?? throw new SettingsException("--since: " + problem);
        var hold = await services.Get<HoldLedger>().GetAsync(campaignId, cancellationToken).ConfigureAwait(false);
        var rows = new List<AuditRecord>();
        await foreach (var row in services.Get<AuditTrail>().QueryAsync(new AuditQuery(since, now, campaignId), cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        var story = new CampaignStory(campaignId, hold, [.. rows.OrderBy(r => r.OccurredAt).ThenBy(r => Stage(r.Outcome))], since);
        if (json)
        {
            environment.Output.WriteLine(JsonSerializer.Serialize(story.ToDocument(), WeatherCampaignJson.Indented));
        }
        else
        {
            story.WriteTo(environment.Output, environment.Console);
        }

        return ExitCodes.Success;
    }

    // Within one moment, in the order things happen: planned before applied.
    private static int Stage(AuditOutcome outcome) => outcome == AuditOutcome.Planned ? 0 : 1;
}
