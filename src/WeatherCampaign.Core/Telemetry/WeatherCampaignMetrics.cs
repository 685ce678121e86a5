using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WeatherCampaign.Core.Telemetry;

/// <summary>
/// The service's metrics (meter <c>WeatherCampaign</c>): audit rows by outcome (every intervention's fate, planned to paused or
/// failed), the campaign API's 429s, the current pace and the notices sent.
/// </summary>
public sealed class WeatherCampaignMetrics
{
    private readonly Counter<long> _interventions;
    private readonly Counter<long> _throttled;
    private readonly Counter<long> _notifications;

    /// <param name="pace">The campaign pacer's current rate in requests per second; null while there is none.</param>
    public WeatherCampaignMetrics(IMeterFactory meters, Func<double?> pace)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(pace);
        var meter = meters.Create(WeatherCampaignTelemetry.Name);
        _interventions = meter.CreateCounter<long>("weathercampaign.interventions", "{row}", "Audit rows written, by outcome (planned, paused, resumed, skipped, failed …) and action.");
        _throttled = meter.CreateCounter<long>("weathercampaign.campaign_api.throttled", "{response}", "429 answers from the campaign platform (each attempt).");
        _notifications = meter.CreateCounter<long>("weathercampaign.notifications", "{notice}", "Notices posted to webhooks, by kind and whether they were delivered.");
        meter.CreateObservableGauge("weathercampaign.campaign_api.pace", () => pace() is { } rate ? [new Measurement<double>(rate)] : Array.Empty<Measurement<double>>(),
            "{request}/s", "The pace the campaign platform's requests are held to now.");
    }

    public void Recorded(string outcome, string? action, bool dryRun) => _interventions.Add(1, new TagList
    {
        { "outcome", outcome },
        { "action", action ?? "none" },
        { "dry_run", dryRun },
    });

    public void Throttled() => _throttled.Add(1);

    public void NotificationSent(string kind, bool delivered) => _notifications.Add(1, new TagList { { "kind", kind }, { "delivered", delivered } });
}
