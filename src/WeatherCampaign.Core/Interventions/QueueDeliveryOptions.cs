namespace WeatherCampaign.Core.Interventions;

/// <summary>
/// How the queue delivers interventions: host.json's <c>extensions.queues</c>, read under the names the Functions host itself
/// lets an app setting override them with (<c>AzureFunctionsJobHost__extensions__queues__maxDequeueCount</c>). The defaults
/// are host.json's values (a test pins them), so the handler's "attempt n of m" and the local host agree with the deployed one.
/// Checked by <see cref="QueueDeliveryOptionsValidator"/>.
/// </summary>
public sealed class QueueDeliveryOptions
{
    public const string Section = "AzureFunctionsJobHost:extensions:queues";

    /// <summary>Deliveries of one message before it moves to <c>interventions-poison</c>.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How long a message whose function failed stays hidden before its next delivery.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Messages fetched at once.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Messages still in flight when the next batch is fetched.</summary>
    public int NewBatchThreshold { get; set; } = 16;

    /// <summary>The longest wait between two looks at an idle queue.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);
}
