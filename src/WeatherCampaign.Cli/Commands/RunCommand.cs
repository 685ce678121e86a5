using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Planning;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Cli.Commands;

/// <summary><c>run</c>: one full cycle, planned and applied through the same handlers and queue as the Functions app.</summary>
internal static class RunCommand
{
    /// <summary>As many as one Functions instance runs at once (host.json <c>batchSize</c> 32 + <c>newBatchThreshold</c> 16), so a
    /// cycle run by hand keeps the tenant's pace fed as the host does.</summary>
    public const int DefaultConcurrency = 48;

    public static Command Create(CliEnvironment environment, GlobalOptions global)
    {
        var approve = new Option<bool>("--approve")
        {
            Description = "Let this cycle through even if it would pause more than Policy:MaxPauseShare of the running campaigns.",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Plan and audit only: change nothing, enqueue nothing (like Policy:Mode=DryRun)." };
        var concurrency = new Option<int>("--concurrency")
        {
            Description = "How many interventions are applied at once (default 48, as one Functions instance; all of them share the one request pacer).",
            HelpName = "N",
            DefaultValueFactory = _ => DefaultConcurrency,
        };
        concurrency.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 64)
            {
                result.AddError("--concurrency must be between 1 and 64.");
            }
        });
        var command = new Command("run",
            "Run one full cycle now, through the same code path as the functions: plan (PollWeather), put each intervention on the " +
            "'interventions' queue, then receive and apply each one (ApplyIntervention). Exits non-zero when an intervention failed.");
        command.Options.Add(approve);
        command.Options.Add(dryRun);
        command.Options.Add(concurrency);
        command.SetAction((parse, cancellationToken) => CliApp.GuardAsync(environment, () => ExecuteAsync(
            environment.Settings(parse.GetValue(global.Settings)), environment, parse.GetValue(global.Verbose),
            new CycleRequest(parse.GetValue(dryRun) ? CycleMode.DryRun : CycleMode.Enforce, ApproveLargeCycle: parse.GetValue(approve)),
            parse.GetValue(concurrency), cancellationToken), cancellationToken));
        return command;
    }

    public static async Task<int> ExecuteAsync(
        IConfiguration configuration, CliEnvironment environment, bool verbose, CycleRequest request, int concurrency, CancellationToken cancellationToken)
    {
        await using var services = await CliServices.StartAsync(configuration, environment, verbose, ServiceNeeds.Cycle, cancellationToken).ConfigureAwait(false);
        var runner = new CycleRunner(
            services.Get<PollWeatherHandler>(), services.Get<ApplyInterventionHandler>(), services.Get<RecordPoisonedInterventionHandler>(), services.Get<StorageClients>(),
            services.Get<IOptions<QueueDeliveryOptions>>().Value);
        var output = environment.Output;
        // A progress bar on a terminal; not under --verbose, whose log lines on standard error would tear it.
        var progress = TerminalConsole.IsLive(environment.Console) && !verbose ? environment.Console : null;
        var result = await runner.RunAsync(request, concurrency, output, progress, cancellationToken).ConfigureAwait(false);

        output.WriteLine("Done: " + result.Summary() + ".");
        var plan = result.Cycle.Plan;
        if (plan.Verdict == PlanVerdict.HeldForApproval)
        {
            output.WriteLine($"{plan.PausesHeldBack} pauses are waiting for a person: check them with 'plan', then 'run --approve' (or set Policy:ApproveNextLargeCycle=true).");
        }

        if (result.AnyFailed)
        {
            return ExitCodes.Failed;
        }

        return plan.Verdict == PlanVerdict.NoData ? ExitCodes.NoData : ExitCodes.Success;
    }
}
