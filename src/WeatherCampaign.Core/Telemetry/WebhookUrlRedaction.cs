using System.Diagnostics;
using OpenTelemetry;

namespace WeatherCampaign.Core.Telemetry;

/// <summary>
/// A webhook URL is a secret (its path or query is the key to the channel), and the runtime's HTTP span records the full URL.
/// Every HTTP span under a <see cref="WeatherCampaignTelemetry.NotifyActivity"/> keeps only the scheme and host, before any exporter sees it.
/// </summary>
public sealed class WebhookUrlRedaction : BaseProcessor<Activity>
{
    private static readonly string[] UrlTags = ["url.full", "http.url", "url.path", "url.query", "http.target"];

    public override void OnStart(Activity data) => Redact(data);

    public override void OnEnd(Activity data) => Redact(data);

    private static void Redact(Activity? activity)
    {
        if (activity is null || activity.Source.Name != WeatherCampaignTelemetry.HttpClientSource || !UnderNotify(activity))
        {
            return;
        }

        foreach (var tag in UrlTags)
        {
            if (activity.GetTagItem(tag) is string url)
            {
                activity.SetTag(tag, tag is "url.full" or "http.url" && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) + "/(webhook)" : "(webhook)");
            }
        }

        activity.DisplayName = activity.DisplayName.Split(' ')[0];
    }

    private static bool UnderNotify(Activity activity)
    {
        for (var parent = activity.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent.Source.Name == WeatherCampaignTelemetry.Name && parent.OperationName == WeatherCampaignTelemetry.NotifyActivity)
            {
                return true;
            }
        }

        return false;
    }
}
