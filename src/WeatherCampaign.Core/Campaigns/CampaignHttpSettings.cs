using WeatherCampaign.Core.Settings;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>The checks every platform's section shares for its pipeline: its timeouts and its token refresh buffer.</summary>
public static class CampaignHttpSettings
{
    public static void Check(SettingFailures failures, string section, TimeSpan attemptTimeout, TimeSpan totalTimeout, TimeSpan tokenRefreshBuffer)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (attemptTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{section}:AttemptTimeout", attemptTimeout, "a time span above 00:00:00, such as 00:00:10");
        }
        else if (totalTimeout < attemptTimeout)
        {
            failures.Add($"{section}:TotalTimeout", totalTimeout, FormattableString.Invariant($"a time span of at least {section}:AttemptTimeout ({attemptTimeout:c})"));
        }

        if (tokenRefreshBuffer < TimeSpan.Zero)
        {
            failures.Add($"{section}:TokenRefreshBuffer", tokenRefreshBuffer, "a time span of 00:00:00 or more, such as 00:05:00");
        }
    }
}
