using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using WeatherCampaign.Core.Interventions;

namespace WeatherCampaign.Functions;

/// <summary>Applies one intervention. A transient failure throws, so the host retries it, then moves it to the poison queue.</summary>
public sealed class ApplyIntervention(ApplyInterventionHandler handler)
{
    [Function(nameof(ApplyIntervention))]
    public Task Run([QueueTrigger(InterventionQueues.Name)] QueueMessage message, CancellationToken cancellationToken) =>
        handler.HandleAsync(message.MessageText, message.DequeueCount, cancellationToken);
}
