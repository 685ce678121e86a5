using Microsoft.Azure.WebJobs;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Cli.Serve;

/// <summary>
/// The two queue functions as the WebJobs SDK binds them (the listener the Functions host runs), each delegating to its handler
/// as <c>src/WeatherCampaign.Functions</c> does: a throw leaves the message for the queue's retry, then the poison queue.
/// </summary>
/// <param name="tally">Counts what was applied, for <c>serve</c>'s status on a terminal; null when nobody watches.</param>
public sealed class ServeQueueFunctions(ApplyInterventionHandler apply, RecordPoisonedInterventionHandler poisoned, ServeTally? tally = null)
{
    public async Task ApplyIntervention([QueueTrigger(InterventionQueues.Name)] string message, long dequeueCount, CancellationToken cancellationToken)
    {
        AuditOutcome outcome;
        try
        {
            outcome = await apply.HandleAsync(message, dequeueCount, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            tally?.Failed();
            throw;
        }

        tally?.Applied(outcome);
    }

    public Task RecordPoisonedIntervention([QueueTrigger(InterventionQueues.PoisonName)] string message, long dequeueCount, CancellationToken cancellationToken) =>
        poisoned.HandleAsync(message, dequeueCount, cancellationToken);
}
