using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WeatherCampaign.Core.Alerts;

/// <summary>What one read of an <c>openfema</c> feed gave: its declarations as alerts, and the records it could not use.</summary>
internal sealed record OpenFemaRead(IReadOnlyList<WeatherAlert> Alerts, int Skipped, string? SkippedBecause, int Requests, bool Full);

/// <summary>
/// Reads FEMA's disaster declarations (<c>Weather:Feeds:N:Format=openfema</c>) page by page with OData <c>$top</c>/<c>$skip</c>,
/// and incrementally: it keeps, per feed, every declaration read and the newest <c>lastRefresh</c> seen, and asks only for
/// records refreshed since; once every <c>Weather:OpenFema:FullReadEvery</c> (a day) it reads the whole set again.
/// </summary>
/// <remarks>
/// Every page asks for the count of matching records. A count that changes between pages, or pages that end before it,
/// mean the set changed under the read: the read throws <see cref="FeedReadException"/> (the feed fails, so nothing is
/// resumed this cycle) and what was kept stays as it was, for the next cycle to try again from the same mark. The state is
/// this instance's memory, as the feed reader's conditional-request cache is: a new instance starts with a full read.
/// </remarks>
public sealed partial class OpenFemaFeedReader(
    IHttpClientFactory httpClientFactory,
    IOptions<WeatherOptions> weather,
    IOptions<OpenFemaOptions> options,
    TimeProvider timeProvider,
    ILogger<OpenFemaFeedReader> logger)
{
    private readonly ConcurrentDictionary<string, FeedState> _states = new(StringComparer.Ordinal);

    internal async Task<OpenFemaRead> ReadAsync(FeedOptions feed, Uri uri, string name, CancellationToken cancellationToken)
    {
        var state = _states.GetOrAdd(feed.Url, _ => new FeedState());
        await state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var settings = options.Value;
            var now = timeProvider.GetUtcNow();
            var full = state.FullReadAt is not { } last || now - last >= settings.FullReadEvery;
            var declaredSince = now - settings.DeclaredWithin;
            var filter = OpenFemaQuery.Filter(declaredSince, full ? null : state.HighWater);
            var (declarations, skipped, requests) = await ReadPagesAsync(feed, uri, filter, settings.PageSize, cancellationToken).ConfigureAwait(false);

            // Built aside and swapped in whole: a read that throws above leaves the kept set and its mark untouched.
            var kept = full ? new Dictionary<string, DisasterDeclaration>(StringComparer.Ordinal) : new Dictionary<string, DisasterDeclaration>(state.Declarations, StringComparer.Ordinal);
            var unusable = full ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(state.Skipped, StringComparer.Ordinal);
            foreach (var declaration in declarations)
            {
                kept[declaration.Key] = declaration;
                unusable.Remove(declaration.Key);
            }

            foreach (var skip in skipped)
            {
                unusable[skip.Key] = skip.Reason;
                kept.Remove(skip.Key);
            }

            foreach (var old in kept.Values.Where(d => d.DeclarationDate < declaredSince).ToList())
            {
                kept.Remove(old.Key);
            }

            state.Declarations = kept;
            state.Skipped = unusable;
            state.HighWater = declarations.Select(d => d.LastRefresh).Append(state.HighWater).Max();
            if (full)
            {
                state.FullReadAt = now;
            }

            var alerts = OpenFemaDeclarationAlerts.From(kept.Values, name);
            LogRead(logger, name, full ? "full" : "incremental", requests, declarations.Count, alerts.Count, unusable.Count);
            return new OpenFemaRead(alerts, unusable.Count, Describe(unusable.Values), requests, full);
        }
        finally
        {
            state.Gate.Release();
        }
    }

    private async Task<(List<DisasterDeclaration>, List<SkippedDeclaration>, int)> ReadPagesAsync(
        FeedOptions feed, Uri uri, string filter, int pageSize, CancellationToken cancellationToken)
    {
        var declarations = new List<DisasterDeclaration>();
        var skipped = new List<SkippedDeclaration>();
        long? expected = null;
        long read = 0;
        var requests = 0;
        while (true)
        {
            var page = OpenFemaPageParser.Parse(await FetchAsync(feed, uri, OpenFemaQuery.Page(uri, filter, pageSize, read), cancellationToken).ConfigureAwait(false), FeedNames.For(feed));
            requests++;
            if (page.Count is not { } count)
            {
                throw new FeedReadException($"the OpenFEMA page at $skip={read} gave no record count (metadata.count), so a complete read cannot be told from a partial one.");
            }

            expected ??= count;
            if (count != expected)
            {
                throw new FeedReadException(string.Create(CultureInfo.InvariantCulture,
                    $"the OpenFEMA record count changed from {expected} to {count} while its pages were read (at $skip={read}); the read is incomplete and is tried again next cycle."));
            }

            declarations.AddRange(page.Declarations);
            skipped.AddRange(page.Skipped);
            read += page.Records;
            if (read >= expected)
            {
                return (declarations, skipped, requests);
            }

            if (page.Records == 0)
            {
                throw new FeedReadException(string.Create(CultureInfo.InvariantCulture,
                    $"the OpenFEMA pages ended after {read} of the {expected} records they counted; the read is incomplete and is tried again next cycle."));
            }
        }
    }

    private async Task<ReadOnlyMemory<byte>> FetchAsync(FeedOptions feed, Uri feedUri, Uri target, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(AlertFeedReader.HttpClientName);
        var response = await client.SendAsync(Request(target), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        for (var hops = 0; FeedRedirects.IsRedirect(response.StatusCode); hops++)
        {
            var location = response.Headers.Location;
            response.Dispose();
            if (hops == FeedRedirects.MaxRedirects)
            {
                throw new FeedReadException($"the feed redirected more than {FeedRedirects.MaxRedirects} times.");
            }

            target = await FeedRedirects.CheckAsync(feed, feedUri, target, location, cancellationToken).ConfigureAwait(false);
            response = await client.SendAsync(Request(target), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new FeedReadException($"HTTP {(int)response.StatusCode} {(response.ReasonPhrase is { } phrase ? Campaigns.CampaignId.ForDisplay(phrase) : "")}".TrimEnd() + ".");
            }

            var limit = weather.Value.MaxFeedBytes;
            if (response.Content.Headers.ContentLength is { } declared && declared > limit)
            {
                throw FeedBodies.TooLarge("is longer", limit, PageSizeHint);
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await FeedBodies.ReadLimitedAsync(stream, limit, cancellationToken, PageSizeHint).ConfigureAwait(false);
            }
        }
    }

    private HttpRequestMessage Request(Uri target)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, target);
        if (weather.Value.UserAgent is { Length: > 0 } agent && !string.IsNullOrWhiteSpace(agent))
        {
            request.Headers.TryAddWithoutValidation("User-Agent", agent.Trim());
        }

        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        return request;
    }

    private const string PageSizeHint = "an OpenFEMA page; a smaller Weather:OpenFema:PageSize keeps pages short";

    /// <summary>The skipped records' reasons for the cycle row: <c>2 missing or invalid FIPS code, 1 no femaDeclarationString</c>.</summary>
    private static string? Describe(IEnumerable<string> reasons)
    {
        var counted = reasons.GroupBy(r => r, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key}").ToList();
        return counted.Count == 0 ? null : string.Join(", ", counted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "OpenFEMA feed {Feed}: {Kind} read, {Requests} pages, {Records} records read; {Declarations} declarations held, {Skipped} records skipped")]
    private static partial void LogRead(ILogger logger, string feed, string kind, int requests, int records, int declarations, int skipped);

    /// <summary>What this instance keeps of one feed between cycles; changed only under <see cref="Gate"/>.</summary>
    private sealed class FeedState
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public Dictionary<string, DisasterDeclaration> Declarations { get; set; } = new(StringComparer.Ordinal);
        public Dictionary<string, string> Skipped { get; set; } = new(StringComparer.Ordinal);
        public DateTimeOffset? HighWater { get; set; }
        public DateTimeOffset? FullReadAt { get; set; }
    }
}
