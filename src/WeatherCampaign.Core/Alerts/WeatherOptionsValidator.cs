using Microsoft.Extensions.Options;

namespace WeatherCampaign.Core.Alerts;

/// <summary>Checks the <c>Weather</c> section at start-up; each failure names its setting (<c>Weather:UserAgent</c>, <c>Weather:Feeds:0:Url</c>).</summary>
public sealed class WeatherOptionsValidator : IValidateOptions<WeatherOptions>
{
    /// <summary>The largest <see cref="WeatherOptions.MaxFeedBytes"/> accepted: bodies are held in memory.</summary>
    public const long MaxFeedBytesLimit = 1024L * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, WeatherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string section = WeatherOptions.Section;
        var errors = new List<string>();

        if (options.Feeds.Count == 0)
        {
            errors.Add($"{section}:Feeds: at least one feed is required (Weather:Feeds:0:Url).");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Feeds.Count; i++)
        {
            var feed = options.Feeds[i];
            if (string.IsNullOrWhiteSpace(feed.Url))
            {
                errors.Add($"{section}:Feeds:{i}:Url is required.");
                continue;
            }

            if (!FeedNames.TryGetHttpUri(feed.Url, out _) && !FeedNames.TryGetFilePath(feed.Url, out _))
            {
                errors.Add($"{section}:Feeds:{i}:Url '{feed.Url}' is neither an http(s) URL nor a file: URI or path.");
            }

            if (!Enum.IsDefined(feed.Format))
            {
                errors.Add($"{section}:Feeds:{i}:Format '{feed.Format}' is not one of {string.Join(", ", Enum.GetNames<FeedFormat>())}.");
            }

            if (!names.Add(FeedNames.For(feed)))
            {
                errors.Add($"{section}:Feeds:{i}:Name '{FeedNames.For(feed)}' is used by another feed; give each feed its own Name.");
            }

            if (FeedNames.IsNwsApi(feed) && string.IsNullOrWhiteSpace(options.UserAgent))
            {
                errors.Add($"{section}:UserAgent is required: feed '{FeedNames.For(feed)}' is the NWS API, which refuses requests without a User-Agent (e.g. \"(example.com, ops@example.com)\").");
            }
        }

        if (options.MaxFeedBytes is < 1 or > MaxFeedBytesLimit)
        {
            errors.Add($"{section}:MaxFeedBytes must be between 1 and {MaxFeedBytesLimit}.");
        }

        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{section}:Timeout must be between 00:00:01 and 00:10:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors.Distinct());
    }
}
