using System.CommandLine;
using System.Globalization;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Spectre.Console;
using WeatherCampaign.Cli.Serve;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Cli.Commands;

/// <summary>
/// <c>serve</c>: the service on this machine as the Functions host runs it, until Ctrl+C: PollWeather on
/// <c>FeedPollSchedule</c>, ApplyIntervention and RecordPoisonedIntervention on the WebJobs SDK's queue listener with host.json's
/// settings (<see cref="QueueDeliveryOptions"/>), the same handlers and settings as the deployed app.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliEnvironment environment, GlobalOptions global)
    {
        var command = new Command("serve",
            "Run the service here until Ctrl+C, as the Functions host would: the feed poll on FeedPollSchedule (a full cycle when the " +
            "alerts changed, a hold's clear-for may be over, or PollSchedule came round), the 'interventions' queue listener with host.json's " +
            "settings and the 'interventions-poison' queue. Logs what the service does to standard error.");
        command.SetAction((parse, cancellationToken) => CliApp.GuardAsync(environment, () => ExecuteAsync(
            environment.Settings(parse.GetValue(global.Settings)), environment, cancellationToken), cancellationToken));
        return command;
    }

    public static async Task<int> ExecuteAsync(IConfiguration configuration, CliEnvironment environment, CancellationToken cancellationToken)
    {
        // On a terminal, a status line says what has been applied so far, and the log lines go above it instead of tearing it.
        var console = environment.Console;
        var live = TerminalConsole.IsLive(console);
        var tally = live ? new ServeTally() : null;
        var log = live ? TerminalConsole.Lines(console) : environment.Error;
        // A service says what it does: information-level logs, as the Functions host writes them.
        await using var services = await CliServices.StartAsync(
            configuration, environment with { Error = log }, verbose: true, ServiceNeeds.Cycle, cancellationToken).ConfigureAwait(false);
        var delivery = services.Get<IOptions<QueueDeliveryOptions>>().Value;
        var schedules = services.Get<IOptions<PollScheduleOptions>>().Value;
        using var host = Build(configuration, log, services, delivery, PollScheduleOptions.TryParse(schedules.FeedPollSchedule)!, tally);

        environment.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Serving: the feed poll on FeedPollSchedule '{schedules.FeedPollSchedule}', a full cycle at least on PollSchedule '{schedules.PollSchedule}'; " +
            $"queue '{InterventionQueues.Name}' (batchSize {delivery.BatchSize}, newBatchThreshold {delivery.NewBatchThreshold}, maxDequeueCount {delivery.MaxDequeueCount}, " +
            $"visibilityTimeout {delivery.VisibilityTimeout:c}), then '{InterventionQueues.PoisonName}'. Ctrl+C stops."));
        // Until Ctrl+C; then in-flight messages finish (or go back to the queue) before the process ends, as on the host's shutdown.
        if (tally is null)
        {
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var since = services.Get<TimeProvider>().GetUtcNow();
            await console.Status().StartAsync(Status(since, tally), async context =>
            {
                tally.Changed += () => context.Status(Status(since, tally));
                await host.RunAsync(cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }

        environment.Output.WriteLine("Stopped.");
        return ExitCodes.Success;
    }

    // The status is read as markup: the tally holds only the tool's own words, escaped all the same.
    private static string Status(DateTimeOffset since, ServeTally tally) =>
        Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"Serving since {since.UtcDateTime:HH:mm:ss} UTC: {tally}. Ctrl+C stops."));

    private static IHost Build(
        IConfiguration configuration, TextWriter log, CliServices services, QueueDeliveryOptions delivery, NCrontab.CrontabSchedule feedPolls, ServeTally? tally) =>
        new HostBuilder()
            .ConfigureAppConfiguration(c => c.AddConfiguration(configuration))
            .ConfigureLogging(logging => logging
                .ClearProviders()
                .AddProvider(new TextWriterLoggerProvider(log))
                // The listener's own lines are the host's business; its warnings and errors are the operator's, and so is each
                // function's "Executed '…' (Succeeded|Failed …)", as func start shows it.
                .SetMinimumLevel(LogLevel.Warning)
                .AddFilter("Function", LogLevel.Information))
            .ConfigureWebJobs(webJobs => webJobs.AddAzureStorageQueues(o =>
            {
                o.BatchSize = delivery.BatchSize;
                o.NewBatchThreshold = delivery.NewBatchThreshold;
                o.MaxDequeueCount = delivery.MaxDequeueCount;
                o.VisibilityTimeout = delivery.VisibilityTimeout;
                o.MaxPollingInterval = delivery.MaxPollingInterval;
                o.MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64;
            }))
            .ConfigureServices(s =>
            {
                s.AddSingleton<ITypeLocator>(new ServeTypes());
                s.AddSingleton<IJobActivator>(new ServeActivator(services, tally));
                s.AddHostedService(_ => new PollTimer(
                    services.Get<PollWeatherHandler>(), services.Get<StorageClients>(), feedPolls, services.Get<TimeProvider>(), services.Get<ILogger<PollTimer>>()));
            })
            .Build();

    /// <summary>The WebJobs SDK finds the queue functions here, and only here.</summary>
    private sealed class ServeTypes : ITypeLocator
    {
        public IReadOnlyList<Type> GetTypes() => [typeof(ServeQueueFunctions)];
    }

    /// <summary>The queue functions get the service's own handlers (one pacer, one token cache, as in one Functions instance).</summary>
    private sealed class ServeActivator(CliServices services, ServeTally? tally) : IJobActivator
    {
        public T CreateInstance<T>() => typeof(T) == typeof(ServeQueueFunctions)
            ? (T)(object)new ServeQueueFunctions(services.Get<ApplyInterventionHandler>(), services.Get<RecordPoisonedInterventionHandler>(), tally)
            : throw new InvalidOperationException($"serve hosts no function of type {typeof(T).Name}.");
    }
}
