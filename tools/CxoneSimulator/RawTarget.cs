using Microsoft.AspNetCore.Http.Features;

namespace CxoneSimulator;

/// <summary>
/// The request target exactly as the client sent it. Kestrel normalizes dot segments and leaves <c>%2F</c>
/// escaped in <c>Request.Path</c>; a fake that must catch badly escaped ids reads the raw target instead.
/// </summary>
internal static class RawTarget
{
    public static string Of(HttpContext context) =>
        context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : context.Request.PathBase + context.Request.Path + context.Request.QueryString;

    /// <summary>True when the raw path has no empty, <c>.</c> or <c>..</c> segment (escaped or not).</summary>
    public static bool IsCanonical(string rawTarget) =>
        Segments(rawTarget).All(segment => Uri.UnescapeDataString(segment) is { Length: > 0 } and not "." and not "..");

    /// <summary>One path segment of the raw target, URL-decoded on its own.</summary>
    public static string Segment(HttpContext context, Index index) => Uri.UnescapeDataString(Segments(Of(context))[index]);

    private static string[] Segments(string rawTarget)
    {
        var path = rawTarget;
        var query = path.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            path = path[..query];
        }

        // Absolute-form targets ("GET http://host/path") carry the scheme and authority first.
        var authority = path.IndexOf("://", StringComparison.Ordinal);
        if (authority > 0 && !path.StartsWith('/'))
        {
            var slash = path.IndexOf('/', authority + 3);
            path = slash < 0 ? "/" : path[slash..];
        }

        return (path.StartsWith('/') ? path[1..] : path).Split('/');
    }
}
