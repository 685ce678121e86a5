using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Cli.Serve;

/// <summary>
/// PollWeather's timer, as the Functions host runs it: at each moment of <c>FeedPollSchedule</c> (NCRONTAB, the host's own
/// parser), one feed poll, its messages onto <c>interventions</c> (Base64, as the queue output binding writes them). Runs never
/// overlap; a run that fails is logged and the next moment comes as usual, as the host does with a timer function that throws.
/// </summary>
internal sealed partial class PollTimer(
    PollWeatherHandler poll, StorageClients storage, NCrontab.CrontabSchedule schedule, TimeProvider timeProvider, ILogger<PollTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = storage.Queue(InterventionQueues.Name);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = timeProvider.GetUtcNow();
            var next = new DateTimeOffset(DateTime.SpecifyKind(schedule.GetNextOccurrence(now.UtcDateTime), DateTimeKind.Utc));
            await Task.Delay(next - now, timeProvider, stoppingToken).ConfigureAwait(false);
            try
            {
                var result = await poll.PollAsync(stoppingToken).ConfigureAwait(false);
                foreach (var message in result.Messages)
                {
                    await queue.SendMessageAsync(message, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogPollFailed(logger, next, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "PollWeather at {Moment:u} failed; the next moment of FeedPollSchedule runs as usual: {Reason}")]
    private static partial void LogPollFailed(ILogger logger, DateTimeOffset moment, string reason);
}
