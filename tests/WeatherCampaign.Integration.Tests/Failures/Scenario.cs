using CxoneSimulator;
using WeatherCampaign.Core.Holds;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Integration.Tests.Failures;

/// <summary>What the failure tests share: a hurricane over Florida, campaigns there, and ways to read back every trace a run leaves.</summary>
internal static class Scenario
{
    public const string HurricaneId = "urn:oid:2.49.0.1.840.0.hurricane-fl";

    /// <summary>The attempt timeout of tests that hang the tenant on purpose: a hang of 1 s or more outlasts it.</summary>
    public const string ShortAttempt = "00:00:00.300";

    /// <summary>
    /// Settings that keep a failing call short: few retries, a 2 s attempt (long enough for a cold first request, whose timeout
    /// would otherwise be retried and skew the simulator's counters), or <see cref="ShortAttempt"/> where a test hangs the tenant.
    /// </summary>
    public static Action<Dictionary<string, string?>> Fast(int maxRetries = 2, Action<Dictionary<string, string?>>? more = null, string attemptTimeout = "00:00:02") => s =>
    {
        s["Cxone:AttemptTimeout"] = attemptTimeout;
        s["Cxone:TotalTimeout"] = "00:00:30";
        s["Cxone:MaxRetries"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture);
        more?.Invoke(s);
    };

    public static CampaignEntity Florida(string id, string status = CampaignEntity.Running) =>
        CampaignEntity.Create(id, "Florida " + id, status, "US-FL", "America/New_York");

    public static IEnumerable<CampaignEntity> Florida(int count, string prefix = "camp-fl-") =>
        Enumerable.Range(1, count).Select(i => Florida($"{prefix}{i:D2}"));

    public static void HurricaneOverFlorida(this ServiceHarness harness) =>
        harness.Simulator.State.SetFeed("nws", NwsFeed.With(NwsAlert.Warning(HurricaneId, "Hurricane Warning", "FLZ172")), NwsFeed.ContentType);

    public static void ClearSkies(this ServiceHarness harness) => harness.Simulator.State.SetFeed("nws", NwsFeed.Empty, NwsFeed.ContentType);

    /// <summary>A pause message as the planner writes it.</summary>
    public static InterventionMessage Pause(string campaignId, string id = "cycle-f-00001") =>
        new(1, id, "cycle-f", campaignId, "Florida " + campaignId, "pause",
            new InterventionMessageReason([HurricaneId], ["Hurricane Warning"], ["STATE:FL"], "Extreme", null), DateTimeOffset.UtcNow);

    public static Task<List<AuditRecord>> AuditAsync(this ServiceHarness harness) => EndToEndTests.ReadAuditAsync(harness, TimeProvider.System);

    public static async Task<WeatherHold?> HoldAsync(this ServiceHarness harness, string campaignId) =>
        await harness.Get<HoldLedger>().GetAsync(campaignId);

    /// <summary>A ledger row saying the service paused the campaign at <paramref name="pausedAt"/> and it has been clear since.</summary>
    public static Task<WeatherHold> SeedHeldAsync(ServiceHarness harness, string campaignId, DateTimeOffset pausedAt) =>
        harness.Get<HoldLedger>().SaveAsync(new WeatherHold
        {
            CampaignId = campaignId,
            CampaignName = "Florida " + campaignId,
            State = HoldState.Held,
            AlertIds = [HurricaneId],
            Events = ["Hurricane Warning"],
            Regions = ["STATE:FL"],
            PausedAt = pausedAt,
            LastAffectedAt = pausedAt,
            UpdatedAt = pausedAt,
            MessageId = "cycle-0-00001",
        });

    public static async Task<int> QueueLengthAsync(string queue) =>
        (await SharedAzurite.Queues.GetQueueClient(queue).PeekMessagesAsync(32)).Value.Length;

    /// <summary>Sends the messages through the real queue and applies each as the queue trigger does (delete on success); the outcomes.</summary>
    public static async Task<List<AuditOutcome>> ApplyThroughQueueAsync(ServiceHarness harness, IEnumerable<string> messages)
    {
        var queue = harness.Get<StorageClients>().Queue(InterventionQueues.Name);
        foreach (var message in messages)
        {
            await queue.SendMessageAsync(message);
        }

        var apply = harness.Get<ApplyInterventionHandler>();
        var outcomes = new List<AuditOutcome>();
        while ((await queue.ReceiveMessagesAsync(maxMessages: 16)).Value is { Length: > 0 } batch)
        {
            foreach (var message in batch)
            {
                outcomes.Add(await apply.HandleAsync(message.MessageText, message.DequeueCount));
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
        return outcomes;
    }

    /// <summary>Plans one cycle and applies each of its messages concurrently, as a scaled-out host would; the outcomes in message order.</summary>
    public static async Task<AuditOutcome[]> RunCycleConcurrentlyAsync(ServiceHarness harness)
    {
        var cycle = await harness.Get<PollWeatherHandler>().RunAsync();
        var apply = harness.Get<ApplyInterventionHandler>();
        return await Task.WhenAll(cycle.Messages.Select(m => apply.HandleAsync(m, 1)));
    }
}
