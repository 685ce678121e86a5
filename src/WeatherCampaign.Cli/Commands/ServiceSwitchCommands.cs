using System.CommandLine;
using System.Globalization;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Operations;

namespace WeatherCampaign.Cli.Commands;

/// <summary><c>halt</c> and <c>resume-service</c>: the kill switch an operator throws at run time, and the deliberate replay of what it stopped.</summary>
internal static class ServiceSwitchCommands
{
    public static Command Halt(CliEnvironment environment, GlobalOptions global)
    {
        var reason = new Option<string>("--reason")
        {
            Description = "Why the service must stop changing campaigns (shown by 'halt', 'resume-service' and the audit trail).",
            HelpName = "TEXT",
            Required = true,
        };
        reason.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > ServiceSwitch.MaxReasonLength)
            {
                result.AddError($"--reason must be 1 to {ServiceSwitch.MaxReasonLength} characters.");
            }
        });
        var by = OperatorOptions.By();
        var command = new Command("halt",
            "Stop every status change at once, on every instance: messages already queued or being retried are recorded as 'halted' and kept " +
            $"in '{InterventionQueues.HaltedName}'. Cycles still plan and audit. Undo with 'resume-service'.");
        command.Options.Add(reason);
        command.Options.Add(by);
        command.SetAction((parse, cancellationToken) => CliApp.GuardAsync(environment, async () =>
        {
            await using var services = await CliServices.StartAsync(
                environment.Settings(parse.GetValue(global.Settings)), environment, parse.GetValue(global.Verbose), ServiceNeeds.Storage, cancellationToken).ConfigureAwait(false);
            var control = services.Get<ServiceSwitch>();
            var halt = await control.HaltAsync(parse.GetValue(by) ?? Environment.UserName, parse.GetRequiredValue(reason), cancellationToken).ConfigureAwait(false);
            var output = environment.Output;
            output.WriteLine($"Halted by {TerminalWriter.Quote(halt.By)} at {Time(halt.Since)}: {TerminalWriter.Quote(halt.Reason)}.");
            output.WriteLine("No campaign is changed until 'resume-service'; every message taken meanwhile is recorded as 'halted' and kept.");
            WriteWaiting(output, await control.StateAsync(cancellationToken).ConfigureAwait(false));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    public static Command Resume(CliEnvironment environment, GlobalOptions global)
    {
        var replay = new Option<bool>("--replay")
        {
            Description = $"Also put every message waiting in '{InterventionQueues.HaltedName}' back on the queue. Each is checked again: " +
                "a message older than Policy:MaxMessageAge is recorded as stale, never applied.",
        };
        var by = OperatorOptions.By();
        var command = new Command("resume-service",
            "Turn the kill switch of 'halt' off, show what it stopped, and with --replay send those messages again deliberately.");
        command.Options.Add(replay);
        command.Options.Add(by);
        command.SetAction((parse, cancellationToken) => CliApp.GuardAsync(environment, async () =>
        {
            var needs = parse.GetValue(replay) ? ServiceNeeds.Everything : ServiceNeeds.Storage;
            await using var services = await CliServices.StartAsync(
                environment.Settings(parse.GetValue(global.Settings)), environment, parse.GetValue(global.Verbose), needs, cancellationToken).ConfigureAwait(false);
            var control = services.Get<ServiceSwitch>();
            var who = parse.GetValue(by) ?? Environment.UserName;
            var output = environment.Output;
            output.WriteLine(await control.ResumeAsync(who, cancellationToken).ConfigureAwait(false)
                ? $"Resumed by {TerminalWriter.Quote(who)}: campaigns may be changed again."
                : "The service was not halted by 'halt'.");
            var state = await control.StateAsync(cancellationToken).ConfigureAwait(false);
            if (state.HaltedBySettings is { } setting)
            {
                await environment.Error.WriteLineAsync($"Still halted: {setting} in the settings; change that setting to resume.").ConfigureAwait(false);
                WriteWaiting(output, state);
                return ExitCodes.Failed;
            }

            if (!parse.GetValue(replay))
            {
                WriteWaiting(output, state);
                if (state.HaltedMessages > 0)
                {
                    output.WriteLine("They stay there until 'resume-service --replay'; the next cycle plans afresh either way.");
                }

                return ExitCodes.Success;
            }

            var replayed = await control.ReplayHaltedAsync(who, cancellationToken).ConfigureAwait(false);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Replayed {replayed.Replayed} halted message(s) onto '{InterventionQueues.Name}'; 'audit' shows how each ends."));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static void WriteWaiting(TextWriter output, ServiceState state) => output.WriteLine(state.HaltedMessages switch
    {
        null => $"The messages waiting in '{InterventionQueues.HaltedName}' cannot be counted with this identity (it may not read the queue).",
        0 => $"No message waits in '{InterventionQueues.HaltedName}'.",
        var n => string.Create(CultureInfo.InvariantCulture, $"{n} message(s) wait in '{InterventionQueues.HaltedName}'."),
    });


    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
