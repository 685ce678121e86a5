using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Settings;

namespace WeatherCampaign.Core.Alerts;

/// <summary>Checks the <c>Weather</c> section at start-up; each failure is one line naming its setting (<c>Weather:UserAgent</c>, <c>Weather:Feeds:0:Url</c>).</summary>
public sealed class WeatherOptionsValidator : IValidateOptions<WeatherOptions>
{
    /// <summary>The largest <see cref="WeatherOptions.MaxFeedBytes"/> accepted: bodies are held in memory.</summary>
    public const long MaxFeedBytesLimit = 256L * 1024 * 1024;

    private const string FeedUrl = "an http(s) URL, or a file: URI or path";

    public ValidateOptionsResult Validate(string? name, WeatherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string section = WeatherOptions.Section;
        var failures = new SettingFailures();

        if (options.Feeds.Count == 0)
        {
            failures.Add($"{section}:Feeds", null, $"at least one feed ({section}:Feeds:0:Url, {FeedUrl})");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Feeds.Count; i++)
        {
            var feed = options.Feeds[i];
            if (string.IsNullOrWhiteSpace(feed.Url))
            {
                failures.Add($"{section}:Feeds:{i}:Url", null, FeedUrl);
                continue;
            }

            if (FeedNames.TryGetHttpUri(feed.Url, out var uri))
            {
                if (!TransportRule.Permits(uri))
                {
                    failures.Add($"{section}:Feeds:{i}:Url", feed.Url, TransportRule.Allowed + ", or a file: path");
                }
            }
            else if (!FeedNames.TryGetFilePath(feed.Url, out _))
            {
                failures.Add($"{section}:Feeds:{i}:Url", feed.Url, FeedUrl);
            }

            failures.Defined($"{section}:Feeds:{i}:Format", feed.Format);
            if (feed.Format == FeedFormat.OpenFema && !FeedNames.TryGetHttpUri(feed.Url, out _))
            {
                failures.Add($"{section}:Feeds:{i}:Url", feed.Url, "for Format openfema, the http(s) OpenFEMA endpoint (https://www.fema.gov/api/open/v2/DisasterDeclarationsSummaries): it is read page by page");
            }

            LinkRules.Validate(feed, $"{section}:Feeds:{i}:FollowLinksTo", failures);

            if (!names.Add(FeedNames.For(feed)))
            {
                failures.Add($"{section}:Feeds:{i}:Name '{FeedNames.For(feed)}' is used by another feed: give each feed its own Name.");
            }

            if (FeedNames.IsNwsApi(feed) && string.IsNullOrWhiteSpace(options.UserAgent))
            {
                failures.Add($"{section}:UserAgent is required: feed '{FeedNames.For(feed)}' is the NWS API, which refuses requests without a User-Agent (e.g. \"(example.com, ops@example.com)\").");
            }
        }

        failures.Range($"{section}:MaxFeedBytes", options.MaxFeedBytes, 1, MaxFeedBytesLimit);
        failures.Range($"{section}:Timeout", options.Timeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        failures.Range($"{section}:LinkConcurrency", options.LinkConcurrency, 1, 64);
        failures.Range($"{section}:MaxLinkedDocuments", options.MaxLinkedDocuments, 1, 100_000);

        return failures.ToResult();
    }
}
