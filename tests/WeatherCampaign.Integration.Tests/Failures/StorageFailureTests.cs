using System.Net.Sockets;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Integration.Tests.Failures;

/// <summary>
/// Case 11. Fault: the storage account goes away during a cycle; storage fails right after a successful pause.
/// Expected: the cycle fails loudly (throws) and the next run recovers; the retried message still records the campaign as
/// held by the service and the audit trail shows the pause once; the ledger records the intent before the PATCH.
/// </summary>
[TestClass]
public sealed class StorageFailureTests
{
    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    /// <summary>The service's storage clients on <paramref name="connectionString"/>, giving up after one quick retry so a dead account fails in seconds.</summary>
    private static Action<IServiceCollection> StorageAt(string connectionString) => services =>
    {
        var tables = new TableClientOptions();
        tables.Retry.MaxRetries = 1;
        tables.Retry.Delay = TimeSpan.FromMilliseconds(50);
        tables.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        services.Replace(ServiceDescriptor.Singleton(new StorageClients(new TableServiceClient(connectionString, tables), SharedAzurite.Queues)));
    };

    [TestMethod]
    public async Task Storage_gone_during_a_cycle_fails_the_cycle_loudly_and_the_next_run_recovers()
    {
        await using var storage = new StorageSwitch(SharedAzurite.ConnectionString);
        await using var harness = await ServiceHarness.StartAsync([Scenario.Florida("camp-fl-01")], Scenario.Fast(), services: StorageAt(storage.ConnectionString));
        harness.HurricaneOverFlorida();
        var poll = harness.Get<PollWeatherHandler>();

        storage.Down();
        // The storage SDK gives up with an AggregateException of its attempts' failures: RequestFailedExceptions and, about one
        // run in ten, for a connection reset the moment it opened, the socket's own error unwrapped.
        var failure = await Assert.ThrowsAsync<AggregateException>(() => poll.RunAsync());
        Assert.IsTrue(failure.InnerExceptions.All(e => e is RequestFailedException or IOException or SocketException),
            string.Join("; ", failure.InnerExceptions.Select(e => $"{e.GetType().Name}: {e.Message.Split('\n', 2)[0]}")));
        storage.Up();
        var outcomes = await EndToEndTests.RunCycleThroughQueueAsync(harness);

        CollectionAssert.AreEqual(new[] { AuditOutcome.Paused }, outcomes);
        Assert.AreEqual(1, harness.Simulator.State.StatusChanges);
        var cycles = (await harness.AuditAsync()).Count(r => r.Outcome == AuditOutcome.Cycle);
        Assert.AreEqual(1, cycles, "the failed run wrote nothing; the next one wrote its cycle row");
    }

    [TestMethod]
    public async Task Storage_failing_right_after_a_pause_still_leaves_the_campaign_held_by_the_service_once_the_message_is_retried()
    {
        await using var harness = await ServiceHarness.StartAsync([Scenario.Florida("camp-fl-01")], Scenario.Fast(),
            services: s => s.Replace(ServiceDescriptor.Singleton<HoldLedger>(sp => new LedgerFailingOnceWhenHeld(sp.GetRequiredService<StorageClients>().Tables))));
        harness.HurricaneOverFlorida();
        var message = (await harness.Get<PollWeatherHandler>().RunAsync()).Messages.Single();
        var apply = harness.Get<ApplyInterventionHandler>();

        await Assert.ThrowsAsync<RequestFailedException>(() => apply.HandleAsync(message, 1));
        Assert.AreEqual(HoldState.Pausing, (await harness.HoldAsync("camp-fl-01"))!.State, "the intent survived the failure");
        var auditedAlongside = (await harness.AuditAsync()).Count(r => r.Outcome == AuditOutcome.Paused);
        var retried = await apply.HandleAsync(message, 2);

        Assert.AreEqual(AuditOutcome.Paused, retried);
        Assert.AreEqual(1, harness.Simulator.State.StatusChanges);
        Assert.AreEqual(HoldState.Held, (await harness.HoldAsync("camp-fl-01"))!.State, "held by the service, so it is resumed later");
        Assert.AreEqual(1, auditedAlongside, "the audit row went out alongside the failed ledger write");
        Assert.AreEqual(1, (await harness.AuditAsync()).Count(r => r.Outcome == AuditOutcome.Paused), "the retry's row replaced it: the pause shows once");
    }

    [TestMethod]
    public async Task Ledger_records_the_intent_before_the_patch_is_sent()
    {
        var seenAtPatch = new List<HoldState?>();
        ServiceHarness? harnessRef = null;
        await using var harness = await ServiceHarness.StartAsync([Scenario.Florida("camp-fl-01")], Scenario.Fast(),
            services: s => s.AddHttpClient("cxone").AddHttpMessageHandler(() => new BeforePatch(async () =>
                seenAtPatch.Add((await harnessRef!.HoldAsync("camp-fl-01"))?.State))));
        harnessRef = harness;
        harness.HurricaneOverFlorida();

        await EndToEndTests.RunCycleThroughQueueAsync(harness);

        CollectionAssert.AreEqual(new HoldState?[] { HoldState.Pausing }, seenAtPatch);
    }

    /// <summary>A ledger whose first save of a Held row fails as if storage went away (after the PATCH has succeeded).</summary>
    private sealed class LedgerFailingOnceWhenHeld(TableServiceClient tables) : HoldLedger(tables)
    {
        private int _failed;

        public override Task<WeatherHold> SaveAsync(WeatherHold hold, CancellationToken cancellationToken = default) =>
            hold.State == HoldState.Held && Interlocked.Exchange(ref _failed, 1) == 0
                ? throw new RequestFailedException(503, "The storage account is unavailable (injected).")
                : base.SaveAsync(hold, cancellationToken);
    }

    private sealed class BeforePatch(Func<Task> look) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Patch)
            {
                await look();
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
