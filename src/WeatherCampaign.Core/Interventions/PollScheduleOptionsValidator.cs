using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Settings;

namespace WeatherCampaign.Core.Interventions;

/// <summary>Checks both poll schedules at start-up: each must be an NCRONTAB expression the Functions host reads the same way.</summary>
public sealed class PollScheduleOptionsValidator : IValidateOptions<PollScheduleOptions>
{
    private const string Allowed = "an NCRONTAB expression with seconds, such as '*/30 * * * * *' or '0 */5 * * * *'";

    public ValidateOptionsResult Validate(string? name, PollScheduleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new SettingFailures();
        if (PollScheduleOptions.TryParse(options.FeedPollSchedule) is null)
        {
            failures.Add(PollScheduleOptions.FeedPollScheduleSetting, options.FeedPollSchedule, Allowed);
        }

        if (PollScheduleOptions.TryParse(options.PollSchedule) is null)
        {
            failures.Add(PollScheduleOptions.PollScheduleSetting, options.PollSchedule, Allowed);
        }

        return failures.ToResult();
    }
}
