using NCrontab;

namespace WeatherCampaign.Core.Interventions;

/// <summary>
/// The two schedules of the poll, top-level app settings as the timer binding reads them (checked by
/// <see cref="PollScheduleOptionsValidator"/>): <c>FeedPollSchedule</c> ticks the timer, which reads the feeds;
/// <c>PollSchedule</c> is the longest time between two full cycles (ones that list campaigns).
/// </summary>
public sealed class PollScheduleOptions
{
    public const string FeedPollScheduleSetting = "FeedPollSchedule";
    public const string PollScheduleSetting = "PollSchedule";

    /// <summary>NCRONTAB (with seconds) of the feed poll: every 30 s.</summary>
    public string FeedPollSchedule { get; set; } = "*/30 * * * * *";

    /// <summary>NCRONTAB (with seconds): a full cycle runs at least at each of these moments, whatever the feeds say.</summary>
    public string PollSchedule { get; set; } = "0 */5 * * * *";

    /// <summary>The Functions host's reading of an NCRONTAB expression (six fields, seconds first); null when it is not one.</summary>
    public static CrontabSchedule? TryParse(string? expression) =>
        expression is null ? null : CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
}
