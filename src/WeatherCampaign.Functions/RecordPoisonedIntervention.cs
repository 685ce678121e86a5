using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using WeatherCampaign.Core.Interventions;

namespace WeatherCampaign.Functions;

/// <summary>Records a message the host gave up on as a <c>failed</c> audit row and an error log.</summary>
public sealed class RecordPoisonedIntervention(RecordPoisonedInterventionHandler handler)
{
    [Function(nameof(RecordPoisonedIntervention))]
    public Task Run([QueueTrigger(InterventionQueues.PoisonName)] QueueMessage message, CancellationToken cancellationToken) =>
        handler.HandleAsync(message.MessageText, message.DequeueCount, cancellationToken);
}
