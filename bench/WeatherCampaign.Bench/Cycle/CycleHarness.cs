using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using CxoneSimulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
/// Runs cycles of the real service (AddWeatherCampaign, production defaults except the tenant URL, credentials, the feed,
/// storage and <c>Cxone:RequestsPerSecond</c> = the tenant's limit) against an in-process simulator with latency and a
/// rate limit, and Azurite for the queue, the ledger and the audit trail (or, with <see cref="StorageMode.Memory"/>, all three in process memory).
/// </summary>
internal sealed class CycleHarness(AzuriteServer azurite, string repositoryRoot) : IAsyncDisposable
{
    public string StorageConnection => azurite.ConnectionString;

    /// <summary>Eight regions, campaigns spread round-robin; the feed warns two of them, so a quarter of the campaigns are hit.</summary>
    public static readonly string[] Regions = ["US-NY", "US-FL", "US-TX", "US-CA", "US-GA", "US-OR", "US-AZ", "US-PA"];
    public static readonly HashSet<string> AlertedRegions = ["US-NY", "US-FL"];
    private const int PageSize = 50; // Cxone:PageSize default

    /// <summary>When the simulator received the first and last request of each kind in the last measured cycle (seconds from its start).</summary>
    public string Timeline { get; private set; } = "";

    public (int BatchSize, int NewBatchThreshold) HostQueues { get; set; } = ReadHostQueues(repositoryRoot);

    /// <summary><c>Cxone:ListingConcurrency</c> when set (else the production default).</summary>
    public int? ListingConcurrency { get; set; }

    public static async Task<CycleHarness> StartAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        var azurite = await AzuriteServer.StartAsync(repositoryRoot, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new CycleHarness(azurite, repositoryRoot);
    }

    public async Task<CaseResult> RunAsync(CycleCase @case, StorageMode storage, bool baseline, Action<string> progress, CancellationToken cancellationToken)
    {
        var platform = new CyclePlatform(@case.Platform);
        var seed = SimulatorSeed.Generate(@case.Campaigns, Regions, randomSeed: @case.Campaigns);
        var transitions = seed.Campaigns.Count(c => AlertedRegions.Contains(RegionOf(c)));
        await using var simulator = await SimulatorServer.StartAsync(seed with { Campaigns = [] }, ct: cancellationToken).ConfigureAwait(false);
        platform.Seed(simulator.State, seed.Campaigns);
        simulator.State.SetFeed("nws", StormFeed(DateTimeOffset.UtcNow), "application/geo+json");
        simulator.State.Faults.LatencyMs = @case.LatencyMs;
        simulator.State.Faults.RequestsPerSecond = @case.RequestsPerSecond; // Burst 0: the bucket holds one second's worth
        simulator.State.Faults.RetryAfterMode = @case.RetryAfter;
        await ResetStorageAsync(cancellationToken).ConfigureAwait(false);

        CycleMeasurement first, steady;
        await using (var service = BuildService(simulator, platform, @case.ServiceRequestsPerSecond, storage))
        {
            first = await MeasureCycleAsync(service, simulator, platform, storage, "first", minimalTokens: platform.MinimalBeforeListing, pages: Pages(@case), transitions, cancellationToken).ConfigureAwait(false);
            progress($"{@case.Name} [{storage}] first cycle: {Describe(first, @case)}\n    timeline: {Timeline}");
            await WaitForFullBucketsAsync(@case, cancellationToken).ConfigureAwait(false);
            steady = await MeasureCycleAsync(service, simulator, platform, storage, "no-change", minimalTokens: 0, pages: Pages(@case), transitions: 0, cancellationToken).ConfigureAwait(false);
            progress($"{@case.Name} [{storage}] no-change cycle: {Describe(steady, @case)}\n    timeline: {Timeline}");
        }

        // The one-at-a-time script speaks the CXone campaign API only.
        if (!baseline || @case.Platform != PlatformOptions.CxoneCampaigns)
        {
            return new CaseResult(@case, storage, first, steady, null, false);
        }

        simulator.State.Seed(seed.Campaigns);
        await WaitForFullBucketsAsync(@case, cancellationToken).ConfigureAwait(false);
        await using var script = BuildService(simulator, platform, @case.ServiceRequestsPerSecond, storage);
        simulator.State.ResetCounters();
        var run = await OneAtATimeBaseline.RunAsync(script.GetRequiredService<IHttpClientFactory>(), AlertedRegions, PageSize, @case.BaselineCap, cancellationToken).ConfigureAwait(false);
        var stats = simulator.State;
        var measured = new CycleMeasurement("one-at-a-time", run.Elapsed, TimeSpan.Zero, TimeSpan.Zero,
            stats.CountFor(SimulatorEndpoint.Token), stats.CountFor(SimulatorEndpoint.ListCampaigns), stats.CountFor(SimulatorEndpoint.GetCampaign),
            stats.CountFor(SimulatorEndpoint.PatchCampaign), stats.TooManyRequestsCount, 1, Pages(@case), transitions, stats.StatusChanges,
            !run.Capped && stats.StatusChanges == transitions, 1, null);
        if (run.Capped)
        {
            // Every request takes about the same time one at a time: scale the capped run to the whole job.
            var estimate = TimeSpan.FromSeconds(run.Elapsed.TotalSeconds * measured.Minimal / Math.Max(1, measured.Requests));
            measured = measured with { Wall = estimate, Note = string.Create(CultureInfo.InvariantCulture, $"capped at {run.Elapsed.TotalSeconds:0} s after {measured.Requests} of {measured.Minimal} requests; wall extrapolated") };
        }
        progress($"{@case.Name} one-at-a-time: {Describe(measured, @case)}");
        return new CaseResult(@case, storage, first, steady, measured, run.Capped);
    }

    private async Task<CycleMeasurement> MeasureCycleAsync(
        ServiceProvider service, SimulatorServer simulator, CyclePlatform platform, StorageMode storage, string kind, int minimalTokens, int pages, int transitions, CancellationToken cancellationToken)
    {
        var poll = service.GetRequiredService<PollWeatherHandler>();
        var apply = service.GetRequiredService<ApplyInterventionHandler>();
        var queue = service.GetRequiredService<StorageClients>().Queue(InterventionQueues.Name);
        CyclePlatform.ResetCounters(simulator.State);
        simulator.State.ClearRequests();

        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var cycle = await poll.RunAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var listAndPlan = clock.Elapsed;
        var drain = storage == StorageMode.Memory
            ? await HostQueueListener.RunInMemoryAsync(apply, cycle.Messages, HostQueues.BatchSize + HostQueues.NewBatchThreshold, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false)
            : await HostQueueListener.RunAsync(queue, apply, cycle.Messages, HostQueues.BatchSize, HostQueues.NewBatchThreshold, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
        clock.Stop();

        var state = simulator.State;
        Timeline = string.Join("; ", state.Requests.GroupBy(r => r.Endpoint).Select(g =>
            string.Create(CultureInfo.InvariantCulture, $"{g.Key} {(g.Min(r => r.Timestamp) - startedAt).TotalSeconds:0.00}..{(g.Max(r => r.Timestamp) - startedAt).TotalSeconds:0.00} s")));
        var standing = platform.Standing(state);
        var pausedInAlertedRegions = standing.Count(c => c.Paused && AlertedRegions.Contains(c.Region));
        var pausedElsewhere = standing.Count(c => c.Paused && !AlertedRegions.Contains(c.Region));
        var expectedPaused = standing.Count(c => AlertedRegions.Contains(c.Region));
        var done = drain.Failed == 0 && pausedInAlertedRegions == expectedPaused && pausedElsewhere == 0 && cycle.Plan.Verdict == Core.Planning.PlanVerdict.Planned;
        var outcomes = string.Join(", ", drain.Outcomes.OrderBy(o => o.Key).Select(o => $"{o.Value} {o.Key.ToWire()}"));
        var note = drain.Failed > 0 ? $"{drain.Failed} failed ({drain.FirstError})" : outcomes.Length > 0 ? outcomes : null;
        var counts = platform.Count(state);
        return new CycleMeasurement(kind, clock.Elapsed, listAndPlan, clock.Elapsed - listAndPlan,
            counts.Tokens, counts.Pages, counts.Gets, counts.Changes, state.TooManyRequestsCount, minimalTokens, pages, transitions,
            counts.StatusChanges, done, drain.MaxInFlight, note);
    }

    /// <summary>Cycles run minutes apart in production, so both token buckets (ours and the tenant's) start full.</summary>
    private static Task WaitForFullBucketsAsync(CycleCase @case, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromSeconds(1.2), cancellationToken);

    private static string RegionOf(CampaignEntity campaign) => CyclePlatform.RegionOf(campaign);

    private static int Pages(CycleCase @case)
    {
        var pageSize = new CyclePlatform(@case.Platform).PageSize;
        return (@case.Campaigns + pageSize - 1) / pageSize;
    }

    private ServiceProvider BuildService(SimulatorServer simulator, CyclePlatform platform, double requestsPerSecond, StorageMode storage) =>
        BuildService(simulator.BaseAddress, platform, requestsPerSecond, storage, azurite.ConnectionString, ListingConcurrency);

    /// <summary>The service as the Functions app wires it, pointed at the simulator and Azurite (also what a fleet consumer process runs).</summary>
    internal static ServiceProvider BuildService(string simulatorBaseAddress, CyclePlatform platform, double requestsPerSecond, StorageMode storage, string storageConnection, int? listingConcurrency)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(ServiceSettings(simulatorBaseAddress, platform, requestsPerSecond, storageConnection, listingConcurrency)).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddWeatherCampaign(configuration);
        if (storage == StorageMode.Memory)
        {
            services.Replace(ServiceDescriptor.Singleton<HoldLedger>(new InMemoryHoldLedger()));
            services.Replace(ServiceDescriptor.Singleton<AuditTrail>(new InMemoryAuditTrail()));
        }
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    /// <summary>The settings the service runs on here (also what <c>cold-run</c> writes into the operator tool's settings file).</summary>
    internal static Dictionary<string, string?> ServiceSettings(string simulatorBaseAddress, CyclePlatform platform, double requestsPerSecond, string storageConnection, int? listingConcurrency)
    {
        var settings = new Dictionary<string, string?>(platform.Settings(simulatorBaseAddress, requestsPerSecond))
        {
            ["Weather:Feeds:0:Url"] = simulatorBaseAddress + "/feeds/nws",
            ["Weather:Feeds:0:Format"] = "nws",
            ["Weather:Feeds:0:Name"] = "nws",
            ["Weather:UserAgent"] = "(WeatherCampaign benchmark, ops@example.com)",
            [StorageClients.SettingName] = storageConnection,
        };
        if (listingConcurrency is { } listing)
        {
            settings["Cxone:ListingConcurrency"] = listing.ToString(CultureInfo.InvariantCulture);
        }

        return settings;
    }

    internal async Task ResetStorageAsync(CancellationToken cancellationToken)
    {
        var tables = new TableServiceClient(azurite.ConnectionString);
        foreach (var table in new[] { HoldLedger.TableName, AuditTrail.TableName })
        {
            await tables.DeleteTableAsync(table, cancellationToken).ConfigureAwait(false);
            await tables.CreateTableIfNotExistsAsync(table, cancellationToken).ConfigureAwait(false);
        }
        var queues = StorageClients.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection([new(StorageClients.SettingName, azurite.ConnectionString)]).Build()).Queues;
        foreach (var queue in new[] { InterventionQueues.Name, InterventionQueues.PoisonName })
        {
            var client = queues.GetQueueClient(queue);
            await client.DeleteIfExistsAsync(cancellationToken).ConfigureAwait(false);
            await client.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Counting alerts (Severe, Extreme) over NY and FL zones, and advisories elsewhere that the policy ignores.</summary>
    internal static byte[] StormFeed(DateTimeOffset now)
    {
        var specs = new List<NwsAlertSpec>();
        for (var i = 0; i < 12; i++)
        {
            specs.Add(new NwsAlertSpec("NY", AlertSeverity.Severe, "Winter Storm Warning"));
            specs.Add(new NwsAlertSpec("FL", AlertSeverity.Extreme, "Hurricane Warning"));
        }
        foreach (var state in new[] { "TX", "CA", "GA", "OR", "AZ", "PA" })
        {
            specs.Add(new NwsAlertSpec(state, AlertSeverity.Moderate, "Wind Advisory"));
            specs.Add(new NwsAlertSpec(state, AlertSeverity.Minor, "Special Weather Statement"));
        }
        return NwsFeedGenerator.Generate(specs, now, descriptionChars: 2_000);
    }

    private static (int, int) ReadHostQueues(string repositoryRoot)
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(repositoryRoot, "host.json")));
        var queues = hostJson.RootElement.GetProperty("extensions").GetProperty("queues");
        return (queues.GetProperty("batchSize").GetInt32(), queues.GetProperty("newBatchThreshold").GetInt32());
    }

    internal static string Describe(CycleMeasurement m, CycleCase @case) => string.Create(CultureInfo.InvariantCulture,
        $"{m.Wall.TotalSeconds:0.00} s, {m.Requests} requests ({m.Tokens}+{m.Pages}+{m.Gets}+{m.Patches}) for {m.Minimal} minimal, {m.TooManyRequests} x 429, ratio {m.Ratio(@case.RequestsPerSecond):0.00}, done {m.AllWorkDone}{(m.Note is null ? "" : "; " + m.Note)}");

    public async ValueTask DisposeAsync() => await azurite.DisposeAsync().ConfigureAwait(false);
}
