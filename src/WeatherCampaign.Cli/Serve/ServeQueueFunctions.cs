using Microsoft.Azure.WebJobs;
using WeatherCampaign.Core.Interventions;

namespace WeatherCampaign.Cli.Serve;

/// <summary>
/// The two queue functions as the WebJobs SDK binds them (the listener the Functions host runs), each delegating to its handler
/// as <c>src/WeatherCampaign.Functions</c> does: a throw leaves the message for the queue's retry, then the poison queue.
/// </summary>
public sealed class ServeQueueFunctions(ApplyInterventionHandler apply, RecordPoisonedInterventionHandler poisoned)
{
    public Task ApplyIntervention([QueueTrigger(InterventionQueues.Name)] string message, long dequeueCount, CancellationToken cancellationToken) =>
        apply.HandleAsync(message, dequeueCount, cancellationToken);

    public Task RecordPoisonedIntervention([QueueTrigger(InterventionQueues.PoisonName)] string message, long dequeueCount, CancellationToken cancellationToken) =>
        poisoned.HandleAsync(message, dequeueCount, cancellationToken);
}
