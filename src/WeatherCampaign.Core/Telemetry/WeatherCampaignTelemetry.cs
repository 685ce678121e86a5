using System.Diagnostics;

namespace WeatherCampaign.Core.Telemetry;

/// <summary>
/// The names the service's traces and metrics go by: its own <see cref="ActivitySource"/> and meter (<c>WeatherCampaign</c>), the
/// runtime's HTTP client spans and metrics (<c>System.Net.Http</c>: the campaign API, the feeds, the webhooks) and the Azure SDK's
/// spans (<c>Azure.*</c>: tables, queues, Key Vault).
/// </summary>
public static class WeatherCampaignTelemetry
{
    public const string Name = "WeatherCampaign";

    /// <summary>The span around one webhook delivery; the HTTP spans under it lose their URL (<see cref="WebhookUrlRedaction"/>).</summary>
    public const string NotifyActivity = "notify webhook";

    /// <summary>The runtime's own HTTP client instrumentation (since .NET 9): spans per attempt and <c>http.client.request.duration</c>.</summary>
    public const string HttpClientSource = "System.Net.Http";

    /// <summary>The switch that turns on the Azure SDK's activity sources (still marked experimental in Azure.Core).</summary>
    public const string AzureSdkActivitySwitch = "Azure.Experimental.EnableActivitySource";

    public static readonly ActivitySource Source = new(Name);

    public static IReadOnlyList<string> TraceSources { get; } = [Name, HttpClientSource, "Azure.*"];

    public static IReadOnlyList<string> Meters { get; } = [Name, HttpClientSource];
}
