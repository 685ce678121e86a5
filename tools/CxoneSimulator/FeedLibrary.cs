using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace CxoneSimulator;

/// <summary>A feed's current body with the validators a conditional GET compares against.</summary>
internal sealed record FeedDocument(byte[] Body, string ContentType, string ETag, DateTimeOffset LastModified);

/// <summary>The weather feeds served under <c>/feeds/{name}</c>, with what each has served.</summary>
internal sealed class FeedLibrary(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, FeedDocument> _documents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FeedStatistics> _statistics = new(StringComparer.Ordinal);
    private long _version;

    public FeedDocument Set(string name, byte[] body, string contentType)
    {
        // HTTP dates have whole seconds; keeping Last-Modified whole makes If-Modified-Since compare exactly.
        var now = time.GetUtcNow();
        var lastModified = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        // The version makes every Set a new representation, even with the same bytes.
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(body), 0, 8)}-{Interlocked.Increment(ref _version)}\"";
        return _documents[name] = new FeedDocument(body, contentType, etag, lastModified);
    }

    public FeedDocument Set(string name, string body, string contentType) => Set(name, Encoding.UTF8.GetBytes(body), contentType);

    public bool Clear(string name) => _documents.TryRemove(name, out _);

    public FeedDocument? Get(string name) => _documents.GetValueOrDefault(name);

    public void CountRequest(string name, string? userAgent, bool notModified) =>
        _statistics.AddOrUpdate(
            name,
            _ => new FeedStatistics(1, notModified ? 1 : 0, userAgent),
            (_, s) => new FeedStatistics(s.Requests + 1, s.NotModified + (notModified ? 1 : 0), userAgent));

    public FeedStatistics Statistics(string name) => _statistics.GetValueOrDefault(name, new FeedStatistics(0, 0, null));

    public IReadOnlyDictionary<string, FeedStatistics> AllStatistics() => new Dictionary<string, FeedStatistics>(_statistics, StringComparer.Ordinal);

    public void ResetStatistics() => _statistics.Clear();
}
