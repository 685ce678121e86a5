using Microsoft.Azure.Functions.Worker;
using WeatherCampaign.Core.Interventions;

namespace WeatherCampaign.Functions;

/// <summary>Applies one intervention. A transient failure throws, so the host retries it, then moves it to the poison queue.</summary>
public sealed class ApplyIntervention(ApplyInterventionHandler handler)
{
    [Function(nameof(ApplyIntervention))]
    public Task Run([QueueTrigger(InterventionQueues.Name)] string message, FunctionContext context, CancellationToken cancellationToken) =>
        handler.HandleAsync(message, QueueBindingData.DequeueCount(context), cancellationToken);
}
