using System.Globalization;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace CxoneSimulator;

/// <summary><c>GET /feeds/{name}</c>: a weather feed with validators, conditional GETs and injectable faults.</summary>
internal static class FeedEndpoint
{
    private const string MaintenancePage =
        "<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>Down for maintenance</h1></body></html>";

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/feeds/{name}", Serve).WithMetadata(new SimulatorRoute(SimulatorEndpoint.Feed));

    private static IResult Serve(HttpContext context, SimulatorState state)
    {
        var name = RawTarget.Segment(context, ^1);
        var feeds = state.FeedLibrary;
        var userAgent = context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null;
        var document = feeds.Get(name);
        var fault = state.Faults.FeedFaultFor(name);
        if (fault != FeedFault.None)
        {
            feeds.CountRequest(name, userAgent, notModified: false);
            return Faulty(fault, document);
        }

        if (document is null)
        {
            feeds.CountRequest(name, userAgent, notModified: false);
            return ErrorDocument.Result(StatusCodes.Status404NotFound, "not_found", $"No feed named '{name}'.");
        }

        var notModified = IsNotModified(context.Request, document);
        feeds.CountRequest(name, userAgent, notModified);
        var headers = context.Response.Headers;
        headers.ETag = document.ETag;
        headers.LastModified = document.LastModified.ToString("R", CultureInfo.InvariantCulture);
        headers.CacheControl = "public, max-age=0, must-revalidate";
        return notModified ? Results.StatusCode(StatusCodes.Status304NotModified) : Results.Bytes(document.Body, document.ContentType);
    }

    /// <summary>RFC 9110: If-None-Match decides when present; If-Modified-Since only otherwise.</summary>
    private static bool IsNotModified(HttpRequest request, FeedDocument document)
    {
        var typed = request.GetTypedHeaders();
        if (request.Headers.IfNoneMatch.Count > 0)
        {
            var current = new EntityTagHeaderValue(document.ETag);
            return typed.IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
        }

        return typed.IfModifiedSince is { } since && document.LastModified <= since;
    }

    private static IResult Faulty(FeedFault fault, FeedDocument? document) => fault switch
    {
        FeedFault.ServerError => Results.Text("Internal Server Error", "text/plain", Encoding.UTF8, StatusCodes.Status500InternalServerError),
        FeedFault.Html => Results.Text(MaintenancePage, "text/html", Encoding.UTF8),
        FeedFault.Truncated when document is not null => Results.Bytes(document.Body.AsMemory(0, document.Body.Length / 2), document.ContentType),
        FeedFault.Empty => Results.Bytes(ReadOnlyMemory<byte>.Empty, document?.ContentType ?? "application/json"),
        FeedFault.ErrorDocument => Results.Text("""{"error":"quota exceeded"}""", "application/json", Encoding.UTF8),
        FeedFault.ProblemDocument => Results.Text(
            """
            {"correlationId":"3f1c2b7a","title":"Unexpected Problem","type":"https://api.weather.gov/problems/UnexpectedProblem","status":500,"detail":"An unexpected problem has occurred.","instance":"https://api.weather.gov/requests/3f1c2b7a"}
            """,
            "application/problem+json",
            Encoding.UTF8),
        _ => ErrorDocument.Result(StatusCodes.Status404NotFound, "not_found", "No such feed."),
    };
}
