using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Telemetry;

namespace WeatherCampaign.Core.Notifications;

/// <summary>
/// Posts a <see cref="Notice"/> to every configured webhook, side by side, each in its own format. It never throws and never waits
/// longer than <c>Notify:Timeout</c>: a webhook that fails (after the pipeline's retries) is logged by name and counted, and the caller
/// (a cycle, the poison handler) carries on. The URL is a secret: no log line, exception message or span holds it.
/// </summary>
public sealed partial class Notifier(
    IHttpClientFactory httpClients,
    WebhookUrls urls,
    IOptions<NotifyOptions> options,
    WeatherCampaignMetrics metrics,
    ILogger<Notifier> logger)
{
    /// <summary>The named client (its pipeline: <see cref="NotificationServiceCollectionExtensions"/>).</summary>
    public const string HttpClientName = "notify";

    public bool IsConfigured => options.Value.Webhooks.Count > 0;

    /// <summary>Sends <paramref name="notice"/> to each webhook; true for each that took it.</summary>
    public async Task<IReadOnlyList<bool>> SendAsync(Notice notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var settings = options.Value;
        if (settings.Webhooks.Count == 0)
        {
            return [];
        }

        return await Task.WhenAll(settings.Webhooks.Select((webhook, index) => DeliverAsync(notice, index, webhook.Kind, settings, cancellationToken))).ConfigureAwait(false);
    }

    private async Task<bool> DeliverAsync(Notice notice, int index, WebhookKind kind, NotifyOptions settings, CancellationToken cancellationToken)
    {
        var name = settings.NameOf(index);
        using var activity = WeatherCampaignTelemetry.Source.StartActivity(WeatherCampaignTelemetry.NotifyActivity, ActivityKind.Internal);
        activity?.SetTag("weathercampaign.webhook", name);
        activity?.SetTag("weathercampaign.webhook.kind", kind.ToString().ToLowerInvariant());
        // The vault read and every attempt together: a bound the caller can count on, whatever the vault or the webhook does.
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(settings.Timeout + TimeSpan.FromSeconds(1));
        var payload = kind switch
        {
            WebhookKind.Teams => TeamsPayload.Build(notice),
            WebhookKind.Slack => SlackPayload.Build(notice),
            _ => GenericPayload.Build(notice),
        };
        try
        {
            var status = await PostAsync(index, payload, refresh: false, bound.Token).ConfigureAwait(false);
            if (IsRefusal(status) && urls.IsFromVault(index))
            {
                // A rotated URL: the old one is refused; the vault holds the new one.
                status = await PostAsync(index, payload, refresh: true, bound.Token).ConfigureAwait(false);
            }

            if ((int)status is >= 200 and < 300)
            {
                metrics.NotificationSent(kind.ToString().ToLowerInvariant(), delivered: true);
                LogDelivered(logger, notice.Event, notice.CycleId ?? "(none)", name);
                return true;
            }

            activity?.SetStatus(ActivityStatusCode.Error, $"HTTP {(int)status}");
            LogRefused(logger, notice.Event, notice.CycleId ?? "(none)", name, (int)status);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or TimeoutException or WebhookUrlException
            or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException or Azure.RequestFailedException or Azure.Identity.AuthenticationFailedException)
        {
            // The type and our own message only: an HTTP exception's message may name the host, and nothing of the URL goes out.
            var why = ex is WebhookUrlException ? ex.Message : ex.GetType().Name;
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            LogFailed(logger, notice.Event, notice.CycleId ?? "(none)", name, why);
        }

        metrics.NotificationSent(kind.ToString().ToLowerInvariant(), delivered: false);
        return false;
    }

    private async Task<HttpStatusCode> PostAsync(int index, JsonObject payload, bool refresh, CancellationToken cancellationToken)
    {
        var url = await urls.GetAsync(index, refresh, cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(payload) };
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.StatusCode;
    }

    /// <summary>What a webhook answers for a URL it no longer knows or accepts (Slack: 403/404/410; Teams workflows: 401/404).</summary>
    private static bool IsRefusal(HttpStatusCode status) =>
        status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Gone;

    [LoggerMessage(Level = LogLevel.Information, Message = "Notice ({Event}, cycle {CycleId}) delivered to {Webhook}")]
    private static partial void LogDelivered(ILogger logger, NoticeEvent @event, string cycleId, string webhook);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice ({Event}, cycle {CycleId}) not delivered: {Webhook} answered {Status}; the cycle goes on")]
    private static partial void LogRefused(ILogger logger, NoticeEvent @event, string cycleId, string webhook, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice ({Event}, cycle {CycleId}) not delivered to {Webhook}: {Reason}; the cycle goes on")]
    private static partial void LogFailed(ILogger logger, NoticeEvent @event, string cycleId, string webhook, string reason);
}
