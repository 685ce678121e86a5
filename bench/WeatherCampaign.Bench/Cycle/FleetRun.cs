using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using CxoneSimulator;
using Microsoft.Extensions.DependencyInjection;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Platforms;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Bench.Cycle;

/// <summary>One fleet run: K consumer processes draining one queue against one tenant.</summary>
internal sealed record FleetMeasurement(int Consumers, TimeSpan Wall, int Requests, int Minimal, int TooManyRequests, int StatusChanges, int Transitions, double RequestsPerSecond)
{
    public double Ratio => Wall.TotalSeconds / (Minimal / RequestsPerSecond);
    public double TooManyShare => Requests == 0 ? 0 : (double)TooManyRequests / Requests;
    public bool AllDone => StatusChanges == Transitions;
}

/// <summary>
/// Issue 16, item 2: the cycle is planned in this process, then 1, 2 or 4 separate consumer processes (this benchmark
/// re-launched with <c>consume</c>, each the service as the Functions app wires it, at the Bicep's per-instance pace =
/// the whole tenant limit) drain one Azurite queue against one simulator tenant. The clock runs from the moment every
/// consumer is ready and the messages go onto the queue until the simulator has made every status change.
/// </summary>
internal static class FleetRun
{
    public static async Task<FleetMeasurement> RunAsync(CycleHarness harness, int consumers, int campaigns, int latencyMs, double tenantRequestsPerSecond, CancellationToken cancellationToken)
    {
        var platform = new CyclePlatform(PlatformOptions.CxoneCampaigns);
        var seed = SimulatorSeed.Generate(campaigns, CycleHarness.Regions, randomSeed: campaigns);
        var transitions = seed.Campaigns.Count(c => CycleHarness.AlertedRegions.Contains(CyclePlatform.RegionOf(c)));
        await using var simulator = await SimulatorServer.StartAsync(seed with { Campaigns = [] }, ct: cancellationToken).ConfigureAwait(false);
        platform.Seed(simulator.State, seed.Campaigns);
        simulator.State.SetFeed("nws", CycleHarness.StormFeed(DateTimeOffset.UtcNow), "application/geo+json");
        await harness.ResetStorageAsync(cancellationToken).ConfigureAwait(false);

        IReadOnlyList<string> messages;
        await using (var planner = CycleHarness.BuildService(simulator.BaseAddress, platform, tenantRequestsPerSecond, StorageMode.Azurite, harness.StorageConnection, null))
        {
            messages = (await planner.GetRequiredService<PollWeatherHandler>().RunAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Messages;
        }

        var children = new List<Process>();
        try
        {
            for (var i = 0; i < consumers; i++)
            {
                children.Add(StartConsumer(harness.StorageConnection, simulator.BaseAddress, tenantRequestsPerSecond));
            }

            foreach (var child in children)
            {
                while (await child.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line && line != "ready")
                {
                }

                _ = child.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None); // its log lines must not fill the pipe
            }

            simulator.State.Faults.LatencyMs = latencyMs;
            simulator.State.Faults.RequestsPerSecond = tenantRequestsPerSecond;
            await Task.Delay(TimeSpan.FromSeconds(1.2), cancellationToken).ConfigureAwait(false); // the tenant's bucket full
            CyclePlatform.ResetCounters(simulator.State);
            var clock = Stopwatch.StartNew();
            var queue = CycleHarness.BuildService(simulator.BaseAddress, platform, tenantRequestsPerSecond, StorageMode.Azurite, harness.StorageConnection, null);
            await using (queue.ConfigureAwait(false))
            {
                var client = queue.GetRequiredService<StorageClients>().Queue(InterventionQueues.Name);
                await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
                    async (message, ct) => await client.SendMessageAsync(message, ct).ConfigureAwait(false)).ConfigureAwait(false);
            }

            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(TimeSpan.FromMinutes(3));
            while (simulator.State.StatusChanges < transitions && !bounded.IsCancellationRequested && children.All(c => !c.HasExited))
            {
                await Task.Delay(10, CancellationToken.None).ConfigureAwait(false);
            }

            clock.Stop();
            var counts = platform.Count(simulator.State);
            return new FleetMeasurement(consumers, clock.Elapsed, counts.Tokens + counts.Pages + counts.Gets + counts.Changes,
                consumers + transitions, simulator.State.TooManyRequestsCount, counts.StatusChanges, transitions, tenantRequestsPerSecond);
        }
        finally
        {
            foreach (var child in children)
            {
                if (!child.HasExited)
                {
                    child.Kill(entireProcessTree: true);
                }

                await child.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                child.Dispose();
            }
        }
    }

    /// <summary>The child side: the service's ApplyInterventionHandler draining the queue as one host instance does, until killed.</summary>
    public static async Task<int> ConsumeAsync(string storageConnection, string simulatorBaseAddress, double requestsPerSecond)
    {
        var platform = new CyclePlatform(PlatformOptions.CxoneCampaigns);
        await using var service = CycleHarness.BuildService(simulatorBaseAddress, platform, requestsPerSecond, StorageMode.Azurite, storageConnection, null);
        var apply = service.GetRequiredService<ApplyInterventionHandler>();
        var queue = service.GetRequiredService<StorageClients>().Queue(InterventionQueues.Name);
        await queue.ExistsAsync().ConfigureAwait(false); // the storage connection warmed before the clock starts
        Console.WriteLine("ready");
        using var inFlight = new SemaphoreSlim(48); // host.json batchSize 32 + newBatchThreshold 16
        while (true)
        {
            await inFlight.WaitAsync().ConfigureAwait(false);
            inFlight.Release();
            var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30)).ConfigureAwait(false)).Value;
            if (batch.Length == 0)
            {
                await Task.Delay(5).ConfigureAwait(false);
                continue;
            }

            foreach (var message in batch)
            {
                await inFlight.WaitAsync().ConfigureAwait(false);
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await apply.HandleAsync(message.MessageText, message.DequeueCount).ConfigureAwait(false);
                        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt).ConfigureAwait(false);
                    }
                    catch (Exception ex)
                    {
                        // The host would let it reappear after the visibility timeout; so does this queue.
                        await Console.Error.WriteLineAsync(ex.GetType().Name + ": " + ex.Message).ConfigureAwait(false);
                    }
                    finally
                    {
                        inFlight.Release();
                    }
                });
            }
        }
    }

    private static Process StartConsumer(string storageConnection, string simulatorBaseAddress, double requestsPerSecond)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var argument in new[] { "consume", storageConnection, simulatorBaseAddress, requestsPerSecond.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("The consumer process did not start.");
    }
}
