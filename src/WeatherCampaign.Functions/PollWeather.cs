using Microsoft.Azure.Functions.Worker;
using WeatherCampaign.Core.Interventions;

namespace WeatherCampaign.Functions;

/// <summary>Every few minutes (<c>PollSchedule</c>): plan, and hand one message per intervention to the queue. Changes no campaign itself.</summary>
public sealed class PollWeather(PollWeatherHandler handler)
{
    [Function(nameof(PollWeather))]
    [QueueOutput(InterventionQueues.Name)]
    public async Task<string[]> Run([TimerTrigger("%PollSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await handler.RunAsync(cancellationToken: cancellationToken);
        return [.. result.Messages];
    }
}
