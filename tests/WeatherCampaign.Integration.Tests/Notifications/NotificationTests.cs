using System.Text.Json.Nodes;
using CxoneSimulator;
using CxoneSimulator.Webhooks;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Notifications;

namespace WeatherCampaign.Integration.Tests.Notifications;

/// <summary>
/// Notices against the simulator's webhooks (<c>/webhooks/{name}</c>) and Azurite: one per cycle, each format's shape and escaping,
/// retries, a webhook that fails never failing the cycle, and the poisoned interventions gathered into one.
/// </summary>
[TestClass]
public sealed class NotificationTests
{
    private static CampaignEntity[] Storm() =>
    [
        CampaignEntity.Create("camp-fl-1", "Florida Renewals", CampaignEntity.Running, "US-FL", "America/New_York"),
        CampaignEntity.Create("camp-fl-2", "Florida Winback", CampaignEntity.Running, "US-FL", "America/New_York"),
        CampaignEntity.Create("camp-fl-3", "<!channel> & <https://evil.example|Pay now> [Click](https://evil.example)", CampaignEntity.Running, "US-FL", "America/New_York"),
        CampaignEntity.Create("camp-tx-1", "Texas Retention", CampaignEntity.Running, "US-TX", "America/Chicago"),
    ];

    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    private static async Task<ServiceHarness> StartAsync(string kind, Action<Dictionary<string, string?>>? more = null, TimeProvider? time = null)
    {
        var harness = await ServiceHarness.StartAsync(Storm(), s =>
        {
            // The simulator's address is set by the time the settings are given.
            s["Notify:Webhooks:0:Url"] = s["Cxone:BaseUrl"] + "/webhooks/" + kind;
            s["Notify:Webhooks:0:Kind"] = kind;
            s["Notify:Webhooks:0:Name"] = "ops " + kind;
            more?.Invoke(s);
        }, time);
        harness.Simulator.State.SetFeed("nws", NwsFeed.With(NwsAlert.Hurricane("FLZ172")), NwsFeed.ContentType);
        return harness;
    }

    [TestMethod]
    public async Task A_storm_cycle_posts_one_teams_adaptive_card_listing_every_pause()
    {
        await using var harness = await StartAsync("teams");

        var result = await harness.Get<PollWeatherHandler>().RunAsync();

        Assert.AreEqual(3, result.Messages.Count, "three queue messages, one per campaign");
        var post = harness.Simulator.State.Webhooks.Posts("teams").Single();
        StringAssert.StartsWith(post.ContentType, "application/json");
        var body = JsonNode.Parse(post.Body)!;
        Assert.AreEqual("message", (string?)body["type"]);
        var attachment = body["attachments"]!.AsArray().Single()!;
        Assert.AreEqual("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        var card = attachment["content"]!;
        Assert.AreEqual("AdaptiveCard", (string?)card["type"]);
        var facts = card["body"]!.AsArray().Single(b => (string?)b!["type"] == "FactSet")!["facts"]!.AsArray();
        CollectionAssert.AreEquivalent(new[] { "camp\\-fl\\-1", "camp\\-fl\\-2", "camp\\-fl\\-3" },
            facts.Select(f => ((string)f!["value"]!).Split(':')[0]).ToArray());
        var hostile = facts.Select(f => (string)f!["title"]!).Single(t => t.Contains("Click", StringComparison.Ordinal));
        Assert.AreEqual("\\<\\!channel\\> & \\<https://evil\\.example\\|Pay now\\> \\[Click\\]\\(https://evil\\.example\\)", hostile, "Markdown stays text");
    }

    [TestMethod]
    public async Task A_slack_message_escapes_a_hostile_campaign_name_for_mrkdwn()
    {
        await using var harness = await StartAsync("slack");

        await harness.Get<PollWeatherHandler>().RunAsync();

        var body = JsonNode.Parse(harness.Simulator.State.Webhooks.Posts("slack").Single().Body)!;
        Assert.IsFalse(string.IsNullOrWhiteSpace((string?)body["text"]), "the fallback text");
        var blocks = body["blocks"]!.AsArray();
        Assert.AreEqual("header", (string?)blocks[0]!["type"]);
        var pausing = blocks.Select(b => (string?)b!["text"]!["text"]).Single(t => t!.StartsWith("*Pausing*", StringComparison.Ordinal))!;
        StringAssert.Contains(pausing, "&lt;!channel&gt; &amp; &lt;https://evil.example|Pay now&gt;");
        Assert.IsFalse(pausing.Contains("<!channel>", StringComparison.Ordinal), pausing);
        Assert.IsFalse(pausing.Contains("<https://evil", StringComparison.Ordinal), pausing);
        StringAssert.Contains(pausing, "Florida Renewals (camp-fl-1): Hurricane Warning");
    }

    [TestMethod]
    public async Task A_cycle_with_nothing_to_change_posts_nothing()
    {
        await using var harness = await StartAsync("generic");
        harness.Simulator.State.SetFeed("nws", NwsFeed.Empty, NwsFeed.ContentType);

        var result = await harness.Get<PollWeatherHandler>().RunAsync();

        Assert.AreEqual(0, result.Messages.Count);
        Assert.AreEqual(0, harness.Simulator.State.Webhooks.Posts().Count);
    }

    [TestMethod]
    public async Task A_cycle_over_the_pause_share_posts_that_it_is_held_for_approval()
    {
        await using var harness = await StartAsync("generic", s => s["Policy:MaxPauseShare"] = "0.5");

        var result = await harness.Get<PollWeatherHandler>().RunAsync();

        Assert.AreEqual(0, result.Messages.Count, "the pauses wait for a person");
        var body = JsonNode.Parse(harness.Simulator.State.Webhooks.Posts("generic").Single().Body)!;
        Assert.AreEqual("cycle", (string?)body["event"]);
        Assert.AreEqual(result.Plan.CycleId, (string?)body["cycleId"]);
        StringAssert.Contains((string?)body["summary"], "HELD FOR APPROVAL: 3 pauses wait for a person");
    }

    [TestMethod]
    public async Task A_webhook_failing_twice_is_retried_and_the_message_arrives_once()
    {
        await using var harness = await StartAsync("generic");
        harness.Simulator.State.Webhooks.SetFault("generic", new WebhookFault(2, 503, RetryAfterSeconds: 0));

        await harness.Get<PollWeatherHandler>().RunAsync();

        Assert.AreEqual(2, harness.Simulator.State.Webhooks.Refused("generic").Count);
        Assert.AreEqual(1, harness.Simulator.State.Webhooks.Posts("generic").Count);
        Assert.IsTrue(harness.Logs.Lines.Any(l => l.Contains("delivered to ops generic", StringComparison.Ordinal)));
    }

    [TestMethod]
    [DataRow(500, 0, DisplayName = "answers 500 to every attempt")]
    [DataRow(200, 30_000, DisplayName = "never answers within Notify:Timeout")]
    public async Task A_webhook_that_fails_for_good_never_fails_the_cycle_and_is_logged_by_name(int status, int delayMs)
    {
        await using var harness = await StartAsync("generic", s => s["Notify:Timeout"] = "00:00:02");
        harness.Simulator.State.Webhooks.SetFault("generic", new WebhookFault(100, status == 200 ? 503 : status, RetryAfterSeconds: 0, DelayMs: delayMs == 0 ? null : delayMs));

        var result = await harness.Get<PollWeatherHandler>().RunAsync();

        Assert.AreEqual(3, result.Messages.Count, "the cycle's work goes to the queue all the same");
        Assert.AreEqual(0, harness.Simulator.State.Webhooks.Posts("generic").Count);
        var warning = harness.Logs.Lines.Single(l => l.Contains("not delivered", StringComparison.Ordinal));
        StringAssert.Contains(warning, "ops generic");
        StringAssert.Contains(warning, result.Plan.CycleId);
        Assert.IsFalse(harness.Logs.Lines.Any(l => l.Contains("/webhooks/generic", StringComparison.Ordinal)), "the URL is in no log line");
    }

    [TestMethod]
    public async Task Interventions_poisoned_within_the_digest_window_are_announced_in_one_message()
    {
        var clock = ServiceHarness.Clock();
        await using var harness = await StartAsync("generic", time: clock);
        var result = await harness.Get<PollWeatherHandler>().RunAsync();
        harness.Simulator.State.Webhooks.Clear();
        var poison = harness.Get<RecordPoisonedInterventionHandler>();

        foreach (var message in result.Messages)
        {
            await poison.HandleAsync(message, 5);
        }

        Assert.AreEqual(0, harness.Simulator.State.Webhooks.Posts().Count, "the window is still open");
        clock.Advance(TimeSpan.FromMinutes(1));
        await harness.Get<PoisonDigest>().FlushAsync();
        var body = JsonNode.Parse(harness.Simulator.State.Webhooks.Posts("generic").Single().Body)!;
        Assert.AreEqual("poisoned", (string?)body["event"]);
        Assert.AreEqual(result.Plan.CycleId, (string?)body["cycleId"]);
        var failed = body["sections"]!.AsArray().Single()!;
        Assert.AreEqual(3, (int)failed["total"]!);
        CollectionAssert.AreEquivalent(new[] { "camp-fl-1", "camp-fl-2", "camp-fl-3" }, failed["campaigns"]!.AsArray().Select(c => (string)c!["id"]!).ToArray());
    }
}
