using System.Diagnostics;
using CxoneSimulator;
using CxoneSimulator.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Storage;
using WeatherCampaign.Core.Telemetry;

namespace WeatherCampaign.Integration.Tests.Telemetry;

/// <summary>
/// What the Functions app exports (<c>Program.cs</c>: <see cref="TelemetryServiceCollectionExtensions.WithWeatherCampaignTelemetry"/>), caught by the
/// in-memory exporter over a cycle against the simulator and Azurite: dependency spans for the campaign API, the feed, the tables
/// and the queue; metrics for interventions by outcome, 429s and the pace; and never a webhook's URL.
/// </summary>
[TestClass]
public sealed class TelemetryTests
{
    private const string WebhookSecret = "T0SECRET/B0SECRET/xoxb-webhook-secret-42";

    private static CampaignEntity[] Storm() =>
    [
        CampaignEntity.Create("camp-fl-1", "Florida Renewals", CampaignEntity.Running, "US-FL", "America/New_York"),
        CampaignEntity.Create("camp-fl-2", "Florida Winback", CampaignEntity.Running, "US-FL", "America/New_York"),
        CampaignEntity.Create("camp-tx-1", "Texas Retention", CampaignEntity.Running, "US-TX", "America/Chicago"),
    ];

    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    private sealed record Exported(List<Activity> Spans, List<Metric> Metrics);

    private static async Task<(ServiceHarness Harness, Exported Exported)> StartAsync()
    {
        var exported = new Exported([], []);
        var harness = await ServiceHarness.StartAsync(Storm(), s =>
        {
            s["Notify:Webhooks:0:Url"] = s["Cxone:BaseUrl"] + "/webhooks/" + Uri.EscapeDataString(WebhookSecret);
            s["Notify:Webhooks:0:Kind"] = "slack";
        }, services: c => c.AddOpenTelemetry().WithWeatherCampaignTelemetry()
            .WithTracing(t => t.AddInMemoryExporter(exported.Spans))
            .WithMetrics(m => m.AddInMemoryExporter(exported.Metrics)));
        // Outside a host nothing starts the providers; resolving them does.
        harness.Get<TracerProvider>();
        harness.Get<MeterProvider>();
        harness.Simulator.State.SetFeed("nws", NwsFeed.With(NwsAlert.Hurricane("FLZ172")), NwsFeed.ContentType);
        return (harness, exported);
    }

    [TestMethod]
    public async Task A_cycle_leaves_dependency_spans_for_the_campaign_api_the_feed_the_tables_and_the_queue()
    {
        var (harness, exported) = await StartAsync();
        await using (harness)
        {
            await EndToEndTests.RunCycleThroughQueueAsync(harness);
            harness.Get<TracerProvider>().ForceFlush();

            var http = exported.Spans.Where(s => s.Source.Name == "System.Net.Http").Select(s => s.GetTagItem("url.full") as string ?? "").ToList();
            Assert.IsTrue(http.Any(u => u.Contains("/feeds/nws", StringComparison.Ordinal)), "the feed:\n" + string.Join("\n", http));
            Assert.IsTrue(http.Any(u => u.Contains("/campaigns/camp-fl-1", StringComparison.Ordinal)), "the campaign API's PATCH:\n" + string.Join("\n", http));
            var sources = exported.Spans.Select(s => s.Source.Name).Distinct().ToList();
            Assert.IsTrue(sources.Any(s => s.StartsWith("Azure.Data.Tables", StringComparison.Ordinal)), "table spans: " + string.Join(", ", sources));
            Assert.IsTrue(sources.Any(s => s.StartsWith("Azure.Storage.Queues", StringComparison.Ordinal)), "queue spans: " + string.Join(", ", sources));
            var patch = exported.Spans.First(s => s.Source.Name == "System.Net.Http" && ((string?)s.GetTagItem("url.full"))!.Contains("/campaigns/camp-fl-1", StringComparison.Ordinal));
            Assert.AreEqual(ActivityKind.Client, patch.Kind);
        }
    }

    [TestMethod]
    public async Task A_cycle_counts_interventions_by_outcome_the_429s_and_reports_the_pace()
    {
        var (harness, exported) = await StartAsync();
        await using (harness)
        {
            var faults = harness.Simulator.State.Faults;
            faults.FailNextRequests = 2;
            faults.FailStatusCode = 429;
            faults.FailPathContains = "/campaigns/";

            await EndToEndTests.RunCycleThroughQueueAsync(harness);
            harness.Get<MeterProvider>().ForceFlush();

            Assert.AreEqual(2, Sum(exported, "weathercampaign.interventions", ("outcome", AuditOutcome.Paused.ToWire())));
            Assert.AreEqual(2, Sum(exported, "weathercampaign.interventions", ("outcome", AuditOutcome.Planned.ToWire())));
            Assert.AreEqual(1, Sum(exported, "weathercampaign.interventions", ("outcome", AuditOutcome.Cycle.ToWire())));
            Assert.AreEqual(2, Sum(exported, "weathercampaign.campaign_api.throttled"));
            Assert.AreEqual(1, Sum(exported, "weathercampaign.notifications", ("delivered", true)));
            var pace = exported.Metrics.Last(m => m.Name == "weathercampaign.campaign_api.pace");
            var learned = harness.Get<CampaignRequestPacer>().RequestsPerSecond;
            Assert.IsLessThan(100, learned, "the two 429s cut the pace below Cxone:RequestsPerSecond's default");
            foreach (ref readonly var point in pace.GetMetricPoints())
            {
                Assert.AreEqual(learned, point.GetGaugeLastValueDouble(), "the gauge reads the pace the pacer learned");
            }

            Assert.IsTrue(exported.Metrics.Any(m => m.Name == "http.client.request.duration"), "the runtime's HTTP client metrics");
        }
    }

    [TestMethod]
    public async Task A_webhook_url_reaches_no_span_log_line_or_audit_row_even_when_the_webhook_fails()
    {
        var (harness, exported) = await StartAsync();
        await using (harness)
        {
            harness.Simulator.State.Webhooks.SetFault(WebhookSecret, new WebhookFault(100, 500, RetryAfterSeconds: 0));

            await EndToEndTests.RunCycleThroughQueueAsync(harness);
            harness.Get<TracerProvider>().ForceFlush();

            Assert.AreEqual(4, harness.Simulator.State.Webhooks.Refused(WebhookSecret).Count, "the post was tried, and retried");
            var secrets = new[] { "T0SECRET", "xoxb-webhook-secret", Uri.EscapeDataString(WebhookSecret) };
            var notify = exported.Spans.Where(s => s.OperationName == WeatherCampaignTelemetry.NotifyActivity).ToList();
            Assert.AreEqual(1, notify.Count);
            var spanText = exported.Spans.SelectMany(s => s.TagObjects.Select(t => $"{t.Key}={t.Value}").Append(s.DisplayName).Concat(s.Events.Select(e => e.Name))).ToList();
            Assert.IsTrue(spanText.Any(t => t.Contains("/(webhook)", StringComparison.Ordinal)), "the webhook's HTTP spans are there, redacted");
            var rows = await harness.Get<AuditTrail>().QueryAsync(new AuditQuery(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1))).ToListAsync();
            var rowText = rows.Select(r => r.ToString()).ToList();
            foreach (var secret in secrets)
            {
                Assert.IsFalse(spanText.Any(t => t.Contains(secret, StringComparison.Ordinal)), "span: " + spanText.FirstOrDefault(t => t.Contains(secret, StringComparison.Ordinal)));
                Assert.IsFalse(harness.Logs.Lines.Any(l => l.Contains(secret, StringComparison.Ordinal)), "log: " + harness.Logs.Lines.FirstOrDefault(l => l.Contains(secret, StringComparison.Ordinal)));
                Assert.IsFalse(rowText.Any(t => t.Contains(secret, StringComparison.Ordinal)), "audit row");
            }
        }
    }

    private static long Sum(Exported exported, string name, params (string Key, object Value)[] tags)
    {
        // The exporter keeps each export's Metric; cumulative counters, so the last one holds the totals.
        var metric = exported.Metrics.LastOrDefault(m => m.Name == name);
        Assert.IsNotNull(metric, $"{name} among {string.Join(", ", exported.Metrics.Select(m => m.Name).Distinct())}");
        long sum = 0;
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            var pointTags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags)
            {
                pointTags[tag.Key] = tag.Value;
            }

            if (tags.All(t => pointTags.TryGetValue(t.Key, out var v) && Equals(v, t.Value)))
            {
                sum += point.GetSumLong();
            }
        }

        return sum;
    }
}
