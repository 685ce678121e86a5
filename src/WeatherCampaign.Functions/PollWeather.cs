using Microsoft.Azure.Functions.Worker;
namespace WeatherCampaign.Functions;
public sealed class PollWeather
{
    [Function(nameof(PollWeather))]
    [QueueOutput("interventions")]
    public string[] Run([TimerTrigger("%PollSchedule%")] TimerInfo timer) => [];
}
