using System.CommandLine;
using Microsoft.Extensions.Configuration;
using WeatherCampaign.Core.Interventions;

namespace WeatherCampaign.Cli.Commands;

/// <summary><c>plan</c>: read the feeds, the campaigns and the ledger, run the planner as a dry run, and show what it would do.</summary>
internal static class PlanCommand
{
    public static Command Create(CliEnvironment environment, GlobalOptions global)
    {
        var json = new Option<bool>("--json") { Description = "Print the plan as one JSON document instead of a table." };
        var asOf = new Option<DateTimeOffset?>("--as-of")
        {
            Description = "Evaluate the alerts as at this ISO 8601 time (UTC unless an offset is given), e.g. to replay a recorded feed.",
            HelpName = "TIME",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (CliSettings.TryParseTime(text, out var time))
                {
                    return time;
                }

                result.AddError($"--as-of: '{text}' is not an ISO 8601 time (e.g. 2025-01-15T12:00:00Z).");
                return null;
            },
        };
        var command = new Command("plan",
            "Fetch the alerts and every campaign, run the planner as a dry run and print what it would pause and resume, and why. " +
            "Changes no campaign, enqueues nothing and writes no hold (it writes dry-run audit rows).");
        command.Options.Add(json);
        command.Options.Add(asOf);
        command.SetAction((parse, cancellationToken) => CliApp.GuardAsync(environment, () => ExecuteAsync(
            environment.Settings(parse.GetValue(global.Settings)), environment, parse.GetValue(global.Verbose),
            parse.GetValue(json), parse.GetValue(asOf), cancellationToken), cancellationToken));
        return command;
    }

    public static async Task<int> ExecuteAsync(
        IConfiguration configuration, CliEnvironment environment, bool verbose, bool json, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        await using var services = await CliServices.StartAsync(configuration, environment, verbose, ServiceNeeds.Cycle, cancellationToken).ConfigureAwait(false);
        var result = await services.Get<PollWeatherHandler>()
            .RunAsync(CycleRequest.Preview(asOf), cancellationToken).ConfigureAwait(false);

        if (json)
        {
            PlanReport.WriteJson(result.Plan, result.DryRun, environment.Output);
        }
        else
        {
            PlanReport.WriteTable(result.Plan, environment.Console);
            environment.Output.WriteLine();
            PlanReport.WriteSummary(result.Plan, result.DryRun, environment.Output);
        }
        return result.Plan.Verdict == Core.Planning.PlanVerdict.NoData ? ExitCodes.NoData : ExitCodes.Success;
    }
}
