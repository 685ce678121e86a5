using Microsoft.Azure.Functions.Worker;
using WeatherCampaign.Core.Interventions;

namespace WeatherCampaign.Functions;

/// <summary>
/// Every 30 s (<c>FeedPollSchedule</c>): read the feeds; when the alerts changed, a hold's clear-for may be over, or
/// <c>PollSchedule</c> came round, plan and hand one message per intervention to the queue. Changes no campaign itself.
/// </summary>
public sealed class PollWeather(PollWeatherHandler handler)
{
    [Function(nameof(PollWeather))]
    [QueueOutput(InterventionQueues.Name)]
    public async Task<string[]> Run([TimerTrigger("%FeedPollSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await handler.PollAsync(cancellationToken);
        return [.. result.Messages];
    }
}
