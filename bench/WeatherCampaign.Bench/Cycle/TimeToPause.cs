using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using CxoneSimulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeatherCampaign.Bench.Data;
using WeatherCampaign.Core;
using WeatherCampaign.Core.Alerts;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Platforms;
using WeatherCampaign.Core.Storage;
using WeatherCampaign.DevTools;

namespace WeatherCampaign.Bench.Cycle;

/// <summary>
/// Time to pause: a feed gains a tornado warning at a random moment, and the time runs from that moment until the last
/// status change it causes is answered. The wait for the next feed poll is simulated (the moment is uniform within the
/// 30 s between two ticks of <c>FeedPollSchedule</c>, so the wait is 30 s minus it); everything after the tick is real: the
/// service's <see cref="PollWeatherHandler.PollAsync"/> reads the feed, finds the alerts changed, lists N campaigns, plans and
/// writes, and the host's queue listener applies every pause against the simulator (latency L, limit R) and Azurite.
/// </summary>
internal static class TimeToPause
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);
    private static readonly string[] Regions = ["US-NY", "US-FL", "US-TX", "US-CA", "US-GA", "US-OR", "US-AZ", "US-PA"];

    public static async Task<string> RunAsync(string repositoryRoot, int campaigns, int latencyMs, double requestsPerSecond, int trials, CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteServer.StartAsync(repositoryRoot, cancellationToken: cancellationToken).ConfigureAwait(false);
        var platform = new CyclePlatform(PlatformOptions.CxoneCampaigns);
        var seed = SimulatorSeed.Generate(campaigns, Regions, randomSeed: campaigns);
        var warned = seed.Campaigns.Count(c => CyclePlatform.RegionOf(c) == "US-FL");
        await using var simulator = await SimulatorServer.StartAsync(seed with { Campaigns = [] }, ct: cancellationToken).ConfigureAwait(false);
        simulator.State.Faults.LatencyMs = latencyMs;
        simulator.State.Faults.RequestsPerSecond = requestsPerSecond;
        var now = DateTimeOffset.UtcNow;
        List<NwsAlertSpec> quiet = [.. new[] { "TX", "CA", "GA", "OR", "AZ", "PA" }.Select(s => new NwsAlertSpec(s, AlertSeverity.Moderate, "Wind Advisory"))];
        var quietFeed = NwsFeedGenerator.Generate(quiet, now, descriptionChars: 2_000);
        var warningFeed = NwsFeedGenerator.Generate([.. quiet, new NwsAlertSpec("FL", AlertSeverity.Extreme, "Tornado Warning")], now, descriptionChars: 2_000);

        var random = new Random(16);
        var results = new List<Trial>();
        var hostQueues = new QueueDeliveryOptions();
        for (var trial = 0; trial <= trials; trial++)
        {
            platform.Seed(simulator.State, seed.Campaigns);
            simulator.State.SetFeed("nws", quietFeed, "application/geo+json");
            await ResetStorageAsync(azurite.ConnectionString, cancellationToken).ConfigureAwait(false);
            await using var service = BuildService(simulator, platform, requestsPerSecond, azurite.ConnectionString);
            var poll = service.GetRequiredService<PollWeatherHandler>();
            var apply = service.GetRequiredService<ApplyInterventionHandler>();
            var queue = service.GetRequiredService<StorageClients>().Queue(InterventionQueues.Name);

            // The poll before the warning: it remembers the quiet alerts (a full cycle, since nothing was remembered yet).
            await poll.PollAsync(cancellationToken).ConfigureAwait(false);
            // Polls are 30 s apart, so both token buckets (ours and the tenant's) are full at the next one.
            await Task.Delay(TimeSpan.FromSeconds(1.2), cancellationToken).ConfigureAwait(false);

            var moment = TimeSpan.FromSeconds(random.NextDouble() * PollInterval.TotalSeconds);
            simulator.State.SetFeed("nws", warningFeed, "application/geo+json");
            CyclePlatform.ResetCounters(simulator.State);
            var clock = Stopwatch.StartNew();
            var result = await poll.PollAsync(cancellationToken).ConfigureAwait(false);
            var planned = clock.Elapsed;
            var drain = await HostQueueListener.RunAsync(queue, apply, result.Messages, hostQueues.BatchSize, hostQueues.NewBatchThreshold, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
            clock.Stop();

            var paused = simulator.State.StatusChanges;
            // The poll after: the same alerts, nothing else due, so it ends after the feed (what 30 s polling costs most of the time).
            var listings = simulator.State.CountFor(SimulatorEndpoint.ListCampaigns);
            var lightClock = Stopwatch.StartNew();
            var light = await poll.PollAsync(cancellationToken).ConfigureAwait(false);
            lightClock.Stop();
            // A PollSchedule moment may fall between the two polls; that poll then lists (as it must) and is not a light one.
            var lightPoll = light.Reason is null && simulator.State.CountFor(SimulatorEndpoint.ListCampaigns) == listings ? lightClock.Elapsed : (TimeSpan?)null;
            var done = result.Reason is not null && drain.Failed == 0 && paused == warned;
            if (trial == 0)
            {
                // The first trial warms the JIT and the connections; it is not counted.
                continue;
            }

            results.Add(new Trial(PollInterval - moment, planned, clock.Elapsed, done, simulator.State.TooManyRequestsCount, lightPoll, result.Reason));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"trial {trial,2}: warning {moment.TotalSeconds,5:0.0} s after a poll, next poll {(PollInterval - moment).TotalSeconds,5:0.0} s later; poll+plan {planned.TotalSeconds:0.00} s, " +
                $"all {paused} pauses answered {clock.Elapsed.TotalSeconds:0.00} s after it; time to pause {results[^1].Total.TotalSeconds:0.0} s; cycle because {result.Reason}; done {done}"));
        }

        return Report(results, campaigns, latencyMs, requestsPerSecond, warned);
    }

    private sealed record Trial(TimeSpan WaitForPoll, TimeSpan PollAndPlan, TimeSpan Real, bool Done, int TooManyRequests, TimeSpan? LightPoll, FullCycleReason? Reason)
    {
        public TimeSpan Total => WaitForPoll + Real;
    }

    private static string Report(List<Trial> trials, int campaigns, int latencyMs, double requestsPerSecond, int warned)
    {
        static double Percentile(IEnumerable<double> values, double p)
        {
            var sorted = values.Order().ToArray();
            var rank = p * (sorted.Length - 1);
            var low = (int)Math.Floor(rank);
            var high = (int)Math.Ceiling(rank);
            return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
        }

        var minimal = (1 + (campaigns + 49) / 50 + warned) / requestsPerSecond;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Time to pause, {DateTime.UtcNow:yyyy-MM-dd}");
        text.AppendLine();
        text.AppendLine(
            FormattableString.Invariant($"N = {campaigns:N0} campaigns, L = {latencyMs} ms, R = {requestsPerSecond:0} requests/s; a Tornado Warning over Florida pauses {warned} of them. ") +
            FormattableString.Invariant($"{trials.Count} trials (one warm-up trial before them not counted). The feed is polled every 30 s (`FeedPollSchedule`); the warning appears at a ") +
            "uniformly random moment between two polls, so the wait for the next poll (30 s minus that moment) is simulated. From the poll on everything is real: " +
            "`PollWeatherHandler.PollAsync` reads the feed, sees the alerts changed, lists every campaign, plans, writes the ledger and audit rows; the host's " +
            "queue listener (host.json's batchSize + newBatchThreshold) applies every pause against the simulator and Azurite. The time ends when the last pause is answered and recorded.");
        text.AppendLine();
        text.AppendLine("| | p50 | p95 | max |");
        text.AppendLine("|---|---|---|---|");
        void Row(string name, Func<Trial, TimeSpan> of) => text.AppendLine(CultureInfo.InvariantCulture,
            $"| {name} | {Percentile(trials.Select(t => of(t).TotalSeconds), 0.5):0.0} s | {Percentile(trials.Select(t => of(t).TotalSeconds), 0.95):0.0} s | {trials.Max(t => of(t).TotalSeconds):0.0} s |");
        Row("wait for the next poll (simulated)", t => t.WaitForPoll);
        Row("poll, list and plan (real)", t => t.PollAndPlan);
        Row("poll to last pause answered (real)", t => t.Real);
        Row("**time to pause**", t => t.Total);
        var light = trials.Where(t => t.LightPoll is not null).Select(t => t.LightPoll!.Value.TotalSeconds).ToList();
        if (light.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| the next poll: same alerts, no listing (real; {light.Count} of {trials.Count} trials, the others met a PollSchedule moment) | {Percentile(light, 0.5):0.00} s | {Percentile(light, 0.95):0.00} s | {light.Max():0.00} s |");
        }
        text.AppendLine();
        text.AppendLine(
            FormattableString.Invariant($"Real part against the tenant's floor: p50 {Percentile(trials.Select(t => t.Real.TotalSeconds), 0.5) / minimal:0.00} × the minimal requests at R ({minimal:0.00} s). ") +
            FormattableString.Invariant($"429s: {trials.Sum(t => t.TooManyRequests)} over all trials. Every trial paused all {warned}: {(trials.All(t => t.Done) ? "yes" : "NO")}. ") +
            "Before this change the timer's 5-minute `PollSchedule` was the poll: the wait alone was uniform over 0–300 s (p50 150 s, p95 285 s).");
        return text.ToString();
    }

    private static ServiceProvider BuildService(SimulatorServer simulator, CyclePlatform platform, double requestsPerSecond, string storage)
    {
        var settings = new Dictionary<string, string?>(platform.Settings(simulator.BaseAddress, requestsPerSecond))
        {
            ["Weather:Feeds:0:Url"] = simulator.BaseAddress + "/feeds/nws",
            ["Weather:Feeds:0:Format"] = "nws",
            ["Weather:Feeds:0:Name"] = "nws",
            ["Weather:UserAgent"] = "(WeatherCampaign benchmark, ops@example.com)",
            [StorageClients.SettingName] = storage,
        };
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddWeatherCampaign(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private static async Task ResetStorageAsync(string connectionString, CancellationToken cancellationToken)
    {
        var tables = new TableServiceClient(connectionString);
        foreach (var table in new[] { HoldLedger.TableName, AuditTrail.TableName })
        {
            await tables.DeleteTableAsync(table, cancellationToken).ConfigureAwait(false);
            await tables.CreateTableIfNotExistsAsync(table, cancellationToken).ConfigureAwait(false);
        }
        var queues = StorageClients.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection([new(StorageClients.SettingName, connectionString)]).Build()).Queues;
        foreach (var name in new[] { InterventionQueues.Name, InterventionQueues.PoisonName })
        {
            var client = queues.GetQueueClient(name);
            await client.DeleteIfExistsAsync(cancellationToken).ConfigureAwait(false);
            await client.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
