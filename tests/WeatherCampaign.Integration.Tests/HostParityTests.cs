using System.Text.Json;
using Azure.Storage.Queues;
using CxoneSimulator;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;
using WeatherCampaign.DevTools;

namespace WeatherCampaign.Integration.Tests;

/// <summary>
/// The WebJobs SDK queue listener — the same one the Functions host runs — configured from the repository's host.json,
/// drives our handlers against Azurite: a message that keeps failing is tried maxDequeueCount times, moves to
/// interventions-poison, and is recorded there as a failed audit row.
/// </summary>
[TestClass]
public sealed class HostParityTests
{
    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    [TestMethod]
    public async Task Failing_message_is_retried_maxDequeueCount_times_then_poisoned_and_recorded()
    {
        var queues = HostJsonQueues.Read();
        Assert.AreEqual("base64", queues.MessageEncoding, "host.json must keep the host's Base64 encoding");
        Assert.IsTrue(queues.MaxDequeueCount >= 2);

        await using var harness = await ServiceHarness.StartAsync(
            [CampaignEntity.Create("camp-down-1", "Tenant Down", CampaignEntity.Running, "US-FL")],
            s => s["Cxone:MaxRetries"] = "0");
        harness.Simulator.State.Faults.FailAllRequests = true;
        var probe = new ParityProbe();

        using var host = new HostBuilder()
            .ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = SharedAzurite.ConnectionString }))
            .ConfigureWebJobs(b => b.AddAzureStorageQueues(o =>
            {
                o.MaxDequeueCount = queues.MaxDequeueCount;
                o.BatchSize = queues.BatchSize;
                o.NewBatchThreshold = queues.NewBatchThreshold;
                o.MaxPollingInterval = TimeSpan.FromMilliseconds(200);
                o.MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64;
                // The one value shortened: host.json's visibility timeout makes five failures take minutes rather than seconds.
                o.VisibilityTimeout = TimeSpan.Zero;
            }))
            .ConfigureServices(s =>
            {
                s.AddSingleton<ITypeLocator>(new TypesOf(typeof(ParityFunctions)));
                s.AddSingleton<IJobActivator>(sp => new ServiceProviderJobActivator(sp));
                s.AddSingleton(probe);
                s.AddSingleton(harness.Get<ApplyInterventionHandler>());
                s.AddSingleton(harness.Get<RecordPoisonedInterventionHandler>());
            })
            .Build();
        await host.StartAsync();

        var message = new InterventionMessage(1, "cycle-x-00001", "cycle-x", "camp-down-1", "Tenant Down", "pause",
            new InterventionMessageReason(["hurricane-1"], ["Hurricane Warning"], ["STATE:FL"], "Extreme", null), DateTimeOffset.UtcNow);
        await SharedAzurite.Queues.GetQueueClient(InterventionQueues.Name).SendMessageAsync(message.ToJson());

        await probe.Poisoned.Task.WaitAsync(TimeSpan.FromSeconds(90));
        await host.StopAsync();

        Assert.AreEqual(queues.MaxDequeueCount, probe.Attempts, "tried exactly maxDequeueCount times");
        CollectionAssert.AreEqual(Enumerable.Range(1, queues.MaxDequeueCount).Select(i => (long)i).ToArray(), probe.DequeueCounts.ToArray());
        Assert.AreEqual("running", harness.Simulator.State.Get("camp-down-1")!.Status);
        var failed = (await EndToEndTests.ReadAuditAsync(harness, TimeProvider.System)).Single(r => r.Outcome == AuditOutcome.Failed);
        Assert.AreEqual("camp-down-1", failed.CampaignId);
        Assert.AreEqual("cycle-x-00001", failed.MessageId);
        StringAssert.Contains(failed.Detail, "interventions-poison");
        Assert.IsTrue(harness.Logs.Lines.Any(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("Intervention failed for good")));
        var main = (await SharedAzurite.Queues.GetQueueClient(InterventionQueues.Name).PeekMessagesAsync(32)).Value;
        Assert.AreEqual(0, main.Length, "nothing left behind in the trigger queue");
    }

    /// <summary>The queue trigger settings of the repository's host.json (the file the Functions app ships).</summary>
    private sealed record HostJsonQueues(int MaxDequeueCount, int BatchSize, int NewBatchThreshold, string MessageEncoding)
    {
        public static HostJsonQueues Read()
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AzuriteServer.FindRepositoryRoot(), "host.json")));
            var queues = document.RootElement.GetProperty("extensions").GetProperty("queues");
            return new HostJsonQueues(
                queues.GetProperty("maxDequeueCount").GetInt32(),
                queues.GetProperty("batchSize").GetInt32(),
                queues.GetProperty("newBatchThreshold").GetInt32(),
                queues.GetProperty("messageEncoding").GetString()!);
        }
    }
}

/// <summary>Counts deliveries and signals when the poison message has been recorded.</summary>
public sealed class ParityProbe
{
    private readonly List<long> _dequeueCounts = [];
    public TaskCompletionSource Poisoned { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public int Attempts { get { lock (_dequeueCounts) return _dequeueCounts.Count; } }
    public IReadOnlyList<long> DequeueCounts { get { lock (_dequeueCounts) return _dequeueCounts.Order().ToList(); } }
    public void Attempted(long dequeueCount) { lock (_dequeueCounts) _dequeueCounts.Add(dequeueCount); }
}

/// <summary>The two queue functions as the host binds them, delegating to the same handlers as the Functions app.</summary>
public sealed class ParityFunctions(ApplyInterventionHandler apply, RecordPoisonedInterventionHandler poison, ParityProbe probe)
{
    public async Task ApplyIntervention([QueueTrigger(InterventionQueues.Name)] string message, long dequeueCount, CancellationToken cancellationToken)
    {
        probe.Attempted(dequeueCount);
        await apply.HandleAsync(message, dequeueCount, cancellationToken);
    }

    public async Task RecordPoisonedIntervention([QueueTrigger(InterventionQueues.PoisonName)] string message, long dequeueCount, CancellationToken cancellationToken)
    {
        await poison.HandleAsync(message, dequeueCount, cancellationToken);
        probe.Poisoned.TrySetResult();
    }
}

internal sealed class TypesOf(params Type[] types) : ITypeLocator
{
    public IReadOnlyList<Type> GetTypes() => types;
}

internal sealed class ServiceProviderJobActivator(IServiceProvider services) : IJobActivator
{
    public T CreateInstance<T>() => ActivatorUtilities.CreateInstance<T>(services);
}
