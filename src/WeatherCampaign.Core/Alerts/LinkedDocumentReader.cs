using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WeatherCampaign.Core.Alerts;

/// <summary>
/// Reads the CAP documents an index feed links to: each distinct link once per cycle, <see cref="WeatherOptions.LinkConcurrency"/>
/// at a time, conditionally (If-None-Match / If-Modified-Since, so an unchanged document costs a 304), under the feed's size
/// cap and XML safety. A document that cannot be read, is not CAP or is too large fails the whole feed, naming the document:
/// an index is never read in part.
/// </summary>
/// <remarks>
/// The cache (one per process: this class is a singleton) holds, per index feed, each listed document's validators, its CAP
/// identifier and its alert; it keeps only the documents the feed's latest index lists, at most
/// <see cref="WeatherOptions.MaxLinkedDocuments"/>. It also keeps the latest index of each feed, so that when the index answers
/// 304 its documents are still revalidated: a document may change while the index does not.
/// </remarks>
public sealed partial class LinkedDocumentReader
{
    private const string Accept = "application/cap+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly WeatherOptions _options;
    private readonly CapXmlAlertParser _cap = new();
    private readonly ILogger<LinkedDocumentReader> _logger;
    private readonly ConcurrentDictionary<string, FeedDocuments> _feeds = new(StringComparer.Ordinal);

    public LinkedDocumentReader(IHttpClientFactory httpClientFactory, IOptions<WeatherOptions> options, ILogger<LinkedDocumentReader> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _httpClientFactory = httpClientFactory ?? throw new ArgumentNullException(nameof(httpClientFactory));
        _options = options.Value;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>The index this feed listed when last read, or null; what its documents are revalidated against on a 304.</summary>
    internal CapIndex? LastIndexOf(FeedOptions feed) => _feeds.TryGetValue(feed.Url, out var known) ? known.Index : null;

    /// <summary>Drops what is cached for a feed read as something other than an index, so a later 304 never revives an old index.</summary>
    internal void Forget(FeedOptions feed) => _feeds.TryRemove(feed.Url, out _);

    /// <summary>Every alert of the documents <paramref name="index"/> links to, or <see cref="FeedReadException"/> naming the documents that failed.</summary>
    internal async Task<IndexRead> ReadAsync(FeedOptions feed, string feedName, Uri feedUri, CapIndex index, CancellationToken cancellationToken)
    {
        var links = index.Entries.Select(e => e.Link).Distinct().ToList();
        if (links.Count > _options.MaxLinkedDocuments)
        {
            throw new FeedReadException(string.Create(CultureInfo.InvariantCulture,
                $"the index links to {links.Count} documents, more than Weather:MaxLinkedDocuments allows ({_options.MaxLinkedDocuments}); refused rather than read in part."));
        }

        var known = _feeds.GetValueOrDefault(feed.Url)?.Documents ?? new Dictionary<Uri, CachedDocument>();
        var read = new ConcurrentDictionary<Uri, CachedDocument>();
        var failures = new ConcurrentBag<(Uri Link, string Error)>();
        var notModified = 0;
        var client = _httpClientFactory.CreateClient(AlertFeedReader.HttpClientName);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.LinkConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(links, parallel, async (link, token) =>
        {
            known.TryGetValue(link, out var cached);
            try
            {
                var document = await ReadDocumentAsync(client, feed, feedName, feedUri, link, cached, token).ConfigureAwait(false);
                if (ReferenceEquals(document, cached))
                {
                    Interlocked.Increment(ref notModified);
                }

                read[link] = document;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw;
            }
            catch (FeedReadException error)
            {
                failures.Add((link, error.Message));
            }
            catch (Exception error)
            {
                // A network fault, the resilience pipeline's timeout or open circuit: this document, hence this feed, failed.
                failures.Add((link, $"{error.GetType().Name}: {error.Message}"));
            }
        }).ConfigureAwait(false);

        // Only what this index lists stays cached, so the cache is bounded by MaxLinkedDocuments per feed.
        var kept = links.Select(l => read.TryGetValue(l, out var d) || known.TryGetValue(l, out d) ? d : null).OfType<CachedDocument>().ToDictionary(d => d.Link);
        _feeds[feed.Url] = new FeedDocuments(index, kept);

        if (!failures.IsEmpty)
        {
            var named = failures.OrderBy(f => f.Link.AbsoluteUri, StringComparer.Ordinal).ToList();
            LogDocumentsFailed(feedName, named.Count, links.Count);
            var shown = string.Join(" ", named.Take(3).Select(f => $"{LinkRules.Shown(f.Link)}: {f.Error.TrimEnd('.')}."));
            throw new FeedReadException(string.Create(CultureInfo.InvariantCulture,
                $"{named.Count} of its {links.Count} linked documents could not be read, so the index is not used: {shown}{(named.Count > 3 ? $" (and {named.Count - 3} more)" : "")}"));
        }

        // Two links may carry the same CAP message (one per language, a mirror): one alert each identifier, the latest sent.
        var alerts = links.Select(l => read[l]).Select(d => d.Alert)
            .GroupBy(a => a.Id, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(a => a.Sent ?? DateTimeOffset.MinValue).First())
            .ToList();
        return new IndexRead(alerts, index.Skipped, links.Count, notModified);
    }

    private async Task<CachedDocument> ReadDocumentAsync(
        HttpClient client, FeedOptions feed, string feedName, Uri feedUri, Uri link, CachedDocument? cached, CancellationToken cancellationToken)
    {
        await LinkRules.CheckAsync(feed, feedUri, link, cancellationToken).ConfigureAwait(false);
        if (link.IsFile)
        {
            return Parse(link, feedName, await ReadFileAsync(link, cancellationToken).ConfigureAwait(false), null, null, null);
        }

        var target = link;
        var response = await client.SendAsync(Request(target, cached), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        for (var hops = 0; FeedRedirects.IsRedirect(response.StatusCode); hops++)
        {
            var location = response.Headers.Location;
            response.Dispose();
            if (hops == FeedRedirects.MaxRedirects || location is null)
            {
                throw new FeedReadException(location is null ? "a redirect without a Location." : $"redirected more than {FeedRedirects.MaxRedirects} times.");
            }

            target = location.IsAbsoluteUri ? location : new Uri(target, location);
            await LinkRules.CheckAsync(feed, feedUri, target, cancellationToken).ConfigureAwait(false);
            response = await client.SendAsync(Request(target, cached), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return cached ?? throw new FeedReadException("the server answered 304 Not Modified to a request that was not conditional.");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new FeedReadException($"HTTP {(int)response.StatusCode} {(response.ReasonPhrase is { } phrase ? Campaigns.CampaignId.ForDisplay(phrase) : "")}".TrimEnd() + ".");
            }

            if (response.Content.Headers.ContentLength is { } declared && declared > _options.MaxFeedBytes)
            {
                throw FeedBodies.TooLarge($"declares {declared} bytes", _options.MaxFeedBytes);
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var content = await FeedBodies.ReadLimitedAsync(stream, _options.MaxFeedBytes, cancellationToken).ConfigureAwait(false);
                return Parse(link, feedName, content, response.Content.Headers.ContentType?.MediaType, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified);
            }
        }
    }

    private CachedDocument Parse(Uri link, string feedName, ReadOnlyMemory<byte> content, string? mediaType, string? etag, DateTimeOffset? lastModified)
    {
        var head = content.Span[..Math.Min(content.Length, FeedSniffer.HeadLength)];
        if (head.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new FeedReadException("the document is empty.");
        }

        if (FeedSniffer.LooksLikeHtml(mediaType, head))
        {
            throw new FeedReadException($"an HTML page, not a CAP document (content type '{mediaType ?? "none"}').");
        }

        try
        {
            var alert = _cap.Parse(content, feedName).Single();
            return new CachedDocument(link, etag, lastModified, alert);
        }
        catch (AlertFeedFormatException error)
        {
            throw new FeedReadException($"not a CAP document{(error.Position is null ? "" : " at " + error.Position)}: {error.Problem.TrimEnd('.')}.");
        }
    }

    private async Task<ReadOnlyMemory<byte>> ReadFileAsync(Uri link, CancellationToken cancellationToken)
    {
        var file = new FileInfo(link.LocalPath);
        if (!file.Exists)
        {
            throw new FeedReadException("the file does not exist.");
        }

        if (file.Length > _options.MaxFeedBytes)
        {
            throw FeedBodies.TooLarge($"is {file.Length} bytes", _options.MaxFeedBytes);
        }

        var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            return await FeedBodies.ReadLimitedAsync(stream, _options.MaxFeedBytes, cancellationToken).ConfigureAwait(false);
        }
    }

    private HttpRequestMessage Request(Uri target, CachedDocument? cached)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, target);
        if (!string.IsNullOrWhiteSpace(_options.UserAgent))
        {
            request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent.Trim());
        }

        // */* last: MeteoAlarm refuses a CAP request whose Accept names only XML types.
        request.Headers.TryAddWithoutValidation("Accept", Accept);
        if (cached?.ETag is { } etag)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        if (cached?.LastModified is { } lastModified)
        {
            request.Headers.IfModifiedSince = lastModified;
        }

        return request;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Index feed {Feed}: {Failed} of {Documents} linked documents could not be read")]
    private partial void LogDocumentsFailed(string feed, int failed, int documents);

    /// <summary>One linked document as last read: its validators and its alert (whose <see cref="WeatherAlert.Id"/> is the CAP identifier).</summary>
    private sealed record CachedDocument(Uri Link, string? ETag, DateTimeOffset? LastModified, WeatherAlert Alert);

    private sealed record FeedDocuments(CapIndex Index, IReadOnlyDictionary<Uri, CachedDocument> Documents);
}

/// <summary>What reading an index feed's documents gave: the alerts, the entries skipped, the documents read and how many were unchanged.</summary>
internal sealed record IndexRead(IReadOnlyList<WeatherAlert> Alerts, int Skipped, int Documents, int NotModified);
