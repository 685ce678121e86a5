using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WeatherCampaign.Core.Alerts;

/// <summary>
/// Reads every configured weather feed (http(s) through the <c>weather</c> HttpClient, or <c>file:</c> paths for replay) and
/// reports each feed's outcome. A feed that fails (HTTP error, timeout, HTML or an error document instead of alerts, empty or
/// truncated or oversized body, malformed content) contributes no alerts and a clear error; only cancellation escapes.
/// </summary>
/// <remarks>
/// HTTP feeds are read conditionally (If-None-Match / If-Modified-Since); on <c>304 Not Modified</c> the alerts last parsed
/// from that feed by this instance are reused. Bodies larger than <see cref="WeatherOptions.MaxFeedBytes"/> are refused, not
/// truncated. The whole read of one feed is bounded by <see cref="WeatherOptions.Timeout"/>.
/// </remarks>
public sealed partial class AlertFeedReader : IAlertSource
{
    /// <summary>The name of the <see cref="HttpClient"/> this reader asks <see cref="IHttpClientFactory"/> for.</summary>
    public const string HttpClientName = "weather";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly WeatherOptions _options;
    private readonly IReadOnlyList<IAlertFormatParser> _parsers;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<AlertFeedReader> _logger;
    private readonly OpenFemaFeedReader _openFema;
    private readonly LinkedDocumentReader _linkedDocuments;
    private readonly ConcurrentDictionary<string, LastResponse> _lastResponses = new(StringComparer.Ordinal);

    public AlertFeedReader(
        IHttpClientFactory httpClientFactory,
        IOptions<WeatherOptions> options,
        IEnumerable<IAlertFormatParser> parsers,
        TimeProvider timeProvider,
        ILogger<AlertFeedReader> logger,
        LinkedDocumentReader linkedDocuments,
        OpenFemaFeedReader openFema)
    {
        ArgumentNullException.ThrowIfNull(options);
        _httpClientFactory = httpClientFactory ?? throw new ArgumentNullException(nameof(httpClientFactory));
        _options = options.Value;
        _parsers = parsers?.ToList() ?? throw new ArgumentNullException(nameof(parsers));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _openFema = openFema ?? throw new ArgumentNullException(nameof(openFema));
        _linkedDocuments = linkedDocuments ?? throw new ArgumentNullException(nameof(linkedDocuments));
    }

    public async Task<AlertSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var reads = await Task.WhenAll(_options.Feeds.Select(feed => ReadFeedAsync(feed, cancellationToken))).ConfigureAwait(false);
        return new AlertSnapshot(reads.SelectMany(r => r.Alerts).ToList(), reads.Select(r => r.Outcome).ToList());
    }

    private async Task<(FeedOutcome Outcome, IReadOnlyList<WeatherAlert> Alerts)> ReadFeedAsync(FeedOptions feed, CancellationToken cancellationToken)
    {
        var name = FeedNames.For(feed);
        var started = _timeProvider.GetTimestamp();
        using var timeout = new CancellationTokenSource(_options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            if (feed.Format == FeedFormat.OpenFema && FeedNames.TryGetHttpUri(feed.Url, out var femaUri))
            {
                // Paged and incremental: FEMA's declarations are read by their own reader, not as one body.
                var read = await _openFema.ReadAsync(feed, femaUri, name, linked.Token).ConfigureAwait(false);
                return (new FeedOutcome(name, true, read.Alerts.Count, Source: feed.Source, Skipped: read.Skipped, SkippedBecause: read.SkippedBecause), read.Alerts);
            }

            var body = FeedNames.TryGetHttpUri(feed.Url, out var uri)
                ? await FetchAsync(feed, uri, linked.Token).ConfigureAwait(false)
                : await ReadFileAsync(feed, linked.Token).ConfigureAwait(false);

            if (body.NotModified is { } previous)
            {
                if (_linkedDocuments.LastIndexOf(feed) is { } lastIndex)
                {
                    return await ReadIndexAsync(feed, name, lastIndex, started, notModified: true, linked.Token).ConfigureAwait(false);
                }

                LogNotModified(name, previous.Alerts.Count);
                return (new FeedOutcome(name, true, previous.Alerts.Count, NotModified: true, Source: feed.Source), previous.Alerts);
            }

            CheckBody(body);
            if ((IsIndex(feed.Format) ? feed.Format : feed.Format == FeedFormat.Auto ? CapIndexParser.Recognise(body.MediaType, body.Content) : null) is { } indexFormat)
            {
                var index = CapIndexParser.Parse(body.Content, name, BaseOf(feed), indexFormat);
                if (body.Validators is { } indexValidators)
                {
                    _lastResponses[feed.Url] = indexValidators;
                }

                return await ReadIndexAsync(feed, name, index, started, notModified: false, linked.Token).ConfigureAwait(false);
            }

            _linkedDocuments.Forget(feed);
            var parser = ChooseParser(feed.Format, body);
            var alerts = parser.Parse(body.Content, name);
            if (body.Validators is { } validators)
            {
                _lastResponses[feed.Url] = validators with { Alerts = alerts };
            }

            LogFeedRead(name, alerts.Count, parser.Format, body.Content.Length, _timeProvider.GetElapsedTime(started).TotalMilliseconds);
            return (new FeedOutcome(name, true, alerts.Count, Source: feed.Source), alerts);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException error)
        {
            return Failed(name, $"timed out after {_options.Timeout} (Weather:Timeout).", error);
        }
        catch (FeedReadException error)
        {
            return Failed(name, error.Message, null);
        }
        catch (AlertFeedFormatException error)
        {
            return Failed(name, error.Message, null);
        }
        catch (Exception error)
        {
            // Network, file-system, resilience-pipeline (timeout, open circuit) and any other fault of this one feed: the
            // cycle goes on with the feed marked failed.
            return Failed(name, $"{error.GetType().Name}: {error.Message}", error);
        }
    }

    /// <summary>An index feed: its linked CAP documents are the alerts (<see cref="LinkedDocumentReader"/>).</summary>
    private async Task<(FeedOutcome, IReadOnlyList<WeatherAlert>)> ReadIndexAsync(
        FeedOptions feed, string name, CapIndex index, long started, bool notModified, CancellationToken cancellationToken)
    {
        var read = await _linkedDocuments.ReadAsync(feed, name, BaseOf(feed), index, cancellationToken).ConfigureAwait(false);
        LogIndexRead(name, read.Alerts.Count, index.Format, read.Documents, read.NotModified, read.Skipped, _timeProvider.GetElapsedTime(started).TotalMilliseconds);
        var outcome = new FeedOutcome(name, true, read.Alerts.Count, NotModified: notModified && read.NotModified == read.Documents, Source: feed.Source,
            Skipped: read.Skipped, SkippedBecause: read.Skipped > 0 ? "no CAP link" : null);
        return (outcome, read.Alerts);
    }

    private static bool IsIndex(FeedFormat format) => format is FeedFormat.AtomIndex or FeedFormat.RssIndex;

    /// <summary>What relative links of an index resolve against: the feed's URL, or a replayed index's file.</summary>
    private static Uri BaseOf(FeedOptions feed) =>
        FeedNames.TryGetHttpUri(feed.Url, out var uri) ? uri
        : FeedNames.TryGetFilePath(feed.Url, out var path) ? new Uri(Path.GetFullPath(path))
        : throw new FeedReadException($"'{feed.Url}' is neither an http(s) URL nor a file path.");

    private (FeedOutcome, IReadOnlyList<WeatherAlert>) Failed(string name, string error, Exception? exception)
    {
        LogFeedFailed(exception, name, error);
        return (new FeedOutcome(name, false, 0, error), []);
    }

    private async Task<FeedBody> FetchAsync(FeedOptions feed, Uri uri, CancellationToken cancellationToken)
    {
        _lastResponses.TryGetValue(feed.Url, out var last);
        var client = _httpClientFactory.CreateClient(HttpClientName);
        // Redirects are followed here, not by the handler, so that each one is checked first (FeedRedirects).
        var target = uri;
        var response = await client.SendAsync(Request(feed, target, last), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        for (var hops = 0; FeedRedirects.IsRedirect(response.StatusCode); hops++)
        {
            var location = response.Headers.Location;
            response.Dispose();
            if (hops == FeedRedirects.MaxRedirects)
            {
                throw new FeedReadException($"the feed redirected more than {FeedRedirects.MaxRedirects} times.");
            }

            target = await FeedRedirects.CheckAsync(feed, uri, target, location, cancellationToken).ConfigureAwait(false);
            response = await client.SendAsync(Request(feed, target, last), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }

        using (response)
        {
            return await ReadResponseAsync(response, last, cancellationToken).ConfigureAwait(false);
        }
    }

    private HttpRequestMessage Request(FeedOptions feed, Uri target, LastResponse? last)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, target);
        if (!string.IsNullOrWhiteSpace(_options.UserAgent))
        {
            // Not parsed as product tokens: the NWS asks for "(site, contact)", which the strict parser rejects.
            request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent.Trim());
        }

        request.Headers.TryAddWithoutValidation("Accept", AcceptFor(feed.Format));
        if (last?.ETag is { } etag)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        if (last?.LastModified is { } lastModified)
        {
            request.Headers.IfModifiedSince = lastModified;
        }

        return request;
    }

    private async Task<FeedBody> ReadResponseAsync(HttpResponseMessage response, LastResponse? last, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return last is not null
                ? new FeedBody(default, null, null, last)
                : throw new FeedReadException("the server answered 304 Not Modified to a request that was not conditional.");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new FeedReadException($"HTTP {(int)response.StatusCode} {(response.ReasonPhrase is { } phrase ? Campaigns.CampaignId.ForDisplay(phrase) : "")}".TrimEnd() + ".");
        }

        if (response.Content.Headers.ContentLength is { } declared && declared > _options.MaxFeedBytes)
        {
            throw TooLarge($"declares {declared} bytes");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var content = await ReadLimitedAsync(stream, cancellationToken).ConfigureAwait(false);
            var validators = new LastResponse(response.Headers.ETag?.ToString(), response.Content.Headers.LastModified, []);
            return new FeedBody(content, response.Content.Headers.ContentType?.MediaType, validators.ETag is null && validators.LastModified is null ? null : validators, null);
        }
    }

    private async Task<FeedBody> ReadFileAsync(FeedOptions feed, CancellationToken cancellationToken)
    {
        if (!FeedNames.TryGetFilePath(feed.Url, out var path))
        {
            throw new FeedReadException($"'{feed.Url}' is neither an http(s) URL nor a file path.");
        }

        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new FeedReadException($"the file '{file.FullName}' does not exist.");
        }

        if (file.Length > _options.MaxFeedBytes)
        {
            throw TooLarge($"is {file.Length} bytes");
        }

        var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            var content = await ReadLimitedAsync(stream, cancellationToken).ConfigureAwait(false);
            return new FeedBody(content, MediaTypeForExtension(file.Extension), null, null);
        }
    }

    private Task<ReadOnlyMemory<byte>> ReadLimitedAsync(Stream stream, CancellationToken cancellationToken) =>
        FeedBodies.ReadLimitedAsync(stream, _options.MaxFeedBytes, cancellationToken);

    private FeedReadException TooLarge(string what) => FeedBodies.TooLarge(what, _options.MaxFeedBytes);

    private static void CheckBody(FeedBody body)
    {
        var head = body.Content.Span[..Math.Min(body.Content.Length, FeedSniffer.HeadLength)];
        if (head.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new FeedReadException("the body is empty.");
        }

        if (FeedSniffer.LooksLikeHtml(body.MediaType, head))
        {
            throw new FeedReadException($"the server sent an HTML page instead of alert data (content type '{body.MediaType ?? "none"}').");
        }
    }

    private IAlertFormatParser ChooseParser(FeedFormat format, FeedBody body)
    {
        var head = body.Content.Span[..Math.Min(body.Content.Length, FeedSniffer.HeadLength)];
        if (format != FeedFormat.Auto)
        {
            return _parsers.FirstOrDefault(p => p.Format == format)
                ?? throw new FeedReadException($"no parser is registered for format {format}.");
        }

        foreach (var parser in _parsers)
        {
            if (parser.CanRead(body.MediaType, head))
            {
                return parser;
            }
        }

        throw new FeedReadException(Unrecognised(body));
    }

    private static string Unrecognised(FeedBody body)
    {
        var type = body.MediaType ?? "none";
        if (FeedSniffer.XmlRoot(body.Content.Span[..Math.Min(body.Content.Length, FeedSniffer.HeadLength)]) is { LocalName: "rss", Namespace: "" })
        {
            return "an RSS feed none of whose items links to a document, which is not a feed format this service reads: RSS is read only as an index of CAP documents (set Format rss-index for such an index that is empty now).";
        }

        if (!FeedSniffer.LooksLikeJsonObject(body.Content.Span))
        {
            return $"the content (type '{type}') is not a feed format this service reads (NWS GeoJSON, simple JSON, CAP XML, ATOM of CAP, an ATOM or RSS index of CAP documents).";
        }

        var detail = "";
        try
        {
            using var document = JsonDocument.Parse(JsonFeedReading.SkipBom(body.Content));
            var said = new[] { "title", "detail", "error", "message" }
                .Select(p => document.RootElement.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null)
                .Where(s => !string.IsNullOrWhiteSpace(s))
                .Select(s => s!.Length > 200 ? s[..200] + "…" : s);
            detail = string.Join(" / ", said);
        }
        catch (JsonException)
        {
            // The body is not even JSON; the generic message below says enough.
        }

        return $"a JSON document (type '{type}') with neither 'alerts' nor 'features', probably an error document"
            + (detail.Length > 0 ? $": {detail}" : ".");
    }

    private static string AcceptFor(FeedFormat format) => format switch
    {
        FeedFormat.Nws => "application/geo+json, application/ld+json;q=0.9, application/json;q=0.8",
        FeedFormat.Simple => "application/json, text/json;q=0.9",
        FeedFormat.Cap => "application/cap+xml, application/xml;q=0.9, text/xml;q=0.8",
        FeedFormat.Atom or FeedFormat.AtomIndex => "application/atom+xml, application/xml;q=0.9, text/xml;q=0.8",
        FeedFormat.RssIndex => "application/rss+xml, application/xml;q=0.9, text/xml;q=0.8",
        FeedFormat.OpenFema => "application/json",
        _ => "application/geo+json, application/json;q=0.9, application/cap+xml;q=0.9, application/atom+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.7, */*;q=0.1",
    };

    private static string? MediaTypeForExtension(string extension) => extension.ToLowerInvariant() switch
    {
        ".geojson" => "application/geo+json",
        ".json" => "application/json",
        ".cap" => "application/cap+xml",
        ".atom" => "application/atom+xml",
        ".rss" => "application/rss+xml",
        ".xml" => "application/xml",
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Read {AlertCount} alerts from feed {Feed} as {Format} ({Bytes} bytes, {ElapsedMs:F0} ms)")]
    private partial void LogFeedRead(string feed, int alertCount, FeedFormat format, int bytes, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Read {AlertCount} alerts from index feed {Feed} ({Format}): {Documents} linked documents, {NotModified} not modified, {Skipped} entries without a CAP link skipped ({ElapsedMs:F0} ms)")]
    private partial void LogIndexRead(string feed, int alertCount, FeedFormat format, int documents, int notModified, int skipped, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed} not modified; reusing its {AlertCount} alerts")]
    private partial void LogNotModified(string feed, int alertCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {Feed} failed: {Error}")]
    private partial void LogFeedFailed(Exception? exception, string feed, string error);

    /// <summary>What the last successful response of a feed said, for conditional requests and 304 reuse.</summary>
    private sealed record LastResponse(string? ETag, DateTimeOffset? LastModified, IReadOnlyList<WeatherAlert> Alerts);

    private readonly record struct FeedBody(ReadOnlyMemory<byte> Content, string? MediaType, LastResponse? Validators, LastResponse? NotModified);
}
