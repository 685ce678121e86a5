using System.Text.Json;
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
/// The WebJobs SDK queue listener (the Functions host's own), configured from the repository's host.json, driving the
/// service's handlers from the real <c>interventions</c> queue into <c>interventions-poison</c>.
/// </summary>
internal sealed class QueueHost : IAsyncDisposable
{
    private readonly IHost _host;

    private QueueHost(IHost host, QueueProbe probe)
    {
        _host = host;
        Probe = probe;
    }

    public QueueProbe Probe { get; }

    public static async Task<QueueHost> StartAsync(ServiceHarness harness)
    {
        var queues = HostJsonQueues.Read();
        var probe = new QueueProbe();
        var host = new HostBuilder()
            .ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = SharedAzurite.ConnectionString }))
            .ConfigureWebJobs(b => b.AddAzureStorageQueues(o =>
            {
                o.MaxDequeueCount = queues.MaxDequeueCount;
                o.BatchSize = queues.BatchSize;
                o.NewBatchThreshold = queues.NewBatchThreshold;
                o.MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64;
                // The two values shortened: host.json waits 30 s before a failed message is seen again and polls an idle
                // queue every 2 s, which would make five failures take minutes rather than seconds.
                o.VisibilityTimeout = TimeSpan.Zero;
                o.MaxPollingInterval = TimeSpan.FromMilliseconds(200);
            }))
            .ConfigureServices(s =>
            {
                s.AddSingleton<ITypeLocator>(new TypesOf(typeof(FailureQueueFunctions)));
                s.AddSingleton<IJobActivator>(sp => new ServiceProviderJobActivator(sp));
                s.AddSingleton(probe);
                s.AddSingleton(harness.Get<ApplyInterventionHandler>());
                s.AddSingleton(harness.Get<RecordPoisonedInterventionHandler>());
            })
            .Build();
        await host.StartAsync();
        return new QueueHost(host, probe);
    }

    /// <summary>Enqueues a hand-written message with the planned row a cycle would have written for it (when it can be read at all).</summary>
    public static async Task SendAsync(string message)
    {
        try
        {
            await PlannedRows.SeedAsync(new AuditTrail(SharedAzurite.Tables), message);
        }
        catch (InvalidInterventionMessageException)
        {
            // A malformed message has no planned row to seed: the handler rejects it on reading.
        }
        await SharedAzurite.Queues.GetQueueClient(InterventionQueues.Name).SendMessageAsync(message);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

/// <summary>What the host did: every delivery with its outcome, every poisoned message; signals when counts are reached.</summary>
public sealed class QueueProbe
{
    private readonly List<(long DequeueCount, string Outcome)> _deliveries = [];
    private readonly List<TaskCompletionSource> _waiters = [];
    private int _poisoned;

    public IReadOnlyList<(long DequeueCount, string Outcome)> Deliveries { get { lock (_deliveries) { return _deliveries.ToList(); } } }

    public int Poisoned => Volatile.Read(ref _poisoned);

    private readonly List<(Func<bool> Done, TaskCompletionSource Signal)> _conditions = [];

    /// <summary>Completes once <paramref name="done"/> holds after some delivery or poison record (checked at each, not polled).</summary>
    public Task WhenAsync(Func<QueueProbe, bool> done, TimeSpan within)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_deliveries)
        {
            if (done(this))
            {
                return Task.CompletedTask;
            }

            _conditions.Add((() => done(this), signal));
        }
        return signal.Task.WaitAsync(within);
    }

    public void Delivered(long dequeueCount, string outcome)
    {
        lock (_deliveries)
        {
            _deliveries.Add((dequeueCount, outcome));
        }

        Check();
    }

    public void PoisonRecorded()
    {
        Interlocked.Increment(ref _poisoned);
        Check();
    }

    private void Check()
    {
        lock (_deliveries)
        {
            foreach (var (done, signal) in _conditions.ToList())
            {
                if (done())
                {
                    signal.TrySetResult();
                }
            }
        }
    }
}

/// <summary>The two queue functions as the host binds them, delegating to the service's handlers and reporting to the probe.</summary>
public sealed class FailureQueueFunctions(ApplyInterventionHandler apply, RecordPoisonedInterventionHandler poison, QueueProbe probe)
{
    public async Task ApplyIntervention([QueueTrigger(InterventionQueues.Name)] string message, long dequeueCount, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await apply.HandleAsync(message, dequeueCount, cancellationToken);
            probe.Delivered(dequeueCount, outcome.ToString());
        }
        catch (Exception ex)
        {
            probe.Delivered(dequeueCount, "threw " + ex.GetType().Name);
            throw;
        }
    }

    public async Task RecordPoisonedIntervention([QueueTrigger(InterventionQueues.PoisonName)] string message, long dequeueCount, CancellationToken cancellationToken)
    {
        await poison.HandleAsync(message, dequeueCount, cancellationToken);
        probe.PoisonRecorded();
    }
}

/// <summary>The queue trigger settings of the repository's host.json (the file the Functions app ships).</summary>
internal sealed record HostJsonQueues(int MaxDequeueCount, int BatchSize, int NewBatchThreshold, string MessageEncoding)
{
    public TimeSpan VisibilityTimeout { get; private init; }
    public TimeSpan MaxPollingInterval { get; private init; }

    public static HostJsonQueues Read()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AzuriteServer.FindRepositoryRoot(), "host.json")));
        var queues = document.RootElement.GetProperty("extensions").GetProperty("queues");
        return new HostJsonQueues(
            queues.GetProperty("maxDequeueCount").GetInt32(),
            queues.GetProperty("batchSize").GetInt32(),
            queues.GetProperty("newBatchThreshold").GetInt32(),
            queues.GetProperty("messageEncoding").GetString()!)
        {
            VisibilityTimeout = TimeSpan.Parse(queues.GetProperty("visibilityTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            MaxPollingInterval = TimeSpan.Parse(queues.GetProperty("maxPollingInterval").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
        };
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
