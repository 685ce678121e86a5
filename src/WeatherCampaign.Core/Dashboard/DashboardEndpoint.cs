using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Microsoft.Extensions.Logging;
using WeatherCampaign.Core.Serialization;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Core.Dashboard;

/// <summary>
/// The status page over HTTP, for any server to call: the page and its files, <c>api/status</c>, <c>api/audit</c>, and the
/// actions (<c>api/approve</c>, <c>api/holds/add</c>, <c>api/holds/release</c>). No person, no answer (401). An action is a POST
/// that only the page itself can make: it carries the page's SameSite=Strict cookie, an Origin equal to the request's own
/// host, and a JSON body (which a cross-site form cannot send without a CORS preflight this endpoint never grants).
/// </summary>
public sealed partial class DashboardEndpoint(StatusPage page, ILogger<DashboardEndpoint> logger)
{
    public const string CookieName = "weathercampaign-page";

    /// <summary>Only this page's own script, styles, data and shapes; no inline script or style, no frame, no form post.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const int DefaultAuditRows = 200;

    public async Task<DashboardResponse> HandleAsync(DashboardRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.User is not { } user)
        {
            return Text(401, "Sign in first: the status page needs a signed-in person (App Service Authentication).");
        }

        try
        {
            return (request.Method.ToUpperInvariant(), request.Path) switch
            {
                ("GET", "" or "index.html") => Page(request),
                ("GET", var file) when !file.StartsWith("api/", StringComparison.Ordinal) => File(file),
                ("GET", "api/status") => Json(200, await page.ReadAsync(user, cancellationToken).ConfigureAwait(false)),
                ("GET", "api/audit") => await AuditAsync(request, cancellationToken).ConfigureAwait(false),
                ("POST", "api/approve" or "api/holds/add" or "api/holds/release") => await ActAsync(request, user, cancellationToken).ConfigureAwait(false),
                (not ("GET" or "POST"), _) => Text(405, "Only GET, and POST for actions."),
                _ => Text(404, "Not found."),
            };
        }
        catch (RequestFailedException ex)
        {
            LogStorageFailed(logger, request.Path, ex.Status, ex.ErrorCode);
            return Text(503, string.Create(CultureInfo.InvariantCulture, $"Storage failed ({ex.Status} {ex.ErrorCode}); try again."));
        }
    }

    private async Task<DashboardResponse> ActAsync(DashboardRequest request, string user, CancellationToken cancellationToken)
    {
        if (WhyNotSameOrigin(request) is { } refusal)
        {
            LogRefused(logger, request.Path, refusal);
            return Text(403, refusal);
        }

        ActionBody body;
        try
        {
            body = request.Path == "api/approve" && string.IsNullOrWhiteSpace(request.Body)
                ? new ActionBody(null, null)
                : JsonSerializer.Deserialize<ActionBody>(request.Body, WeatherCampaignJson.Options) ?? new ActionBody(null, null);
        }
        catch (JsonException)
        {
            return Text(400, "The body is not the JSON the page sends.");
        }

        var result = request.Path switch
        {
            "api/approve" => await page.ApproveAsync(user, cancellationToken).ConfigureAwait(false),
            "api/holds/add" => await page.AddHoldAsync(user, body.CampaignId ?? "", body.Reason ?? "", cancellationToken).ConfigureAwait(false),
            _ => await page.ReleaseHoldAsync(user, body.CampaignId ?? "", cancellationToken).ConfigureAwait(false),
        };
        LogAction(logger, request.Path, user, result.Done);
        return Json(result.Done ? 200 : 400, result);
    }

    /// <summary>Null when the POST comes from this page; otherwise why not, in a line.</summary>
    internal static string? WhyNotSameOrigin(DashboardRequest request)
    {
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return "An action is a JSON POST from the status page.";
        }

        if (!HasPageCookie(request.Cookie))
        {
            return "An action must come from the status page (its cookie is missing): reload the page.";
        }

        if (request.Origin is not { } origin || !Uri.TryCreate(origin, UriKind.Absolute, out var from)
            || !string.Equals(from.Authority, request.Authority, StringComparison.OrdinalIgnoreCase)
            || (request.Https && from.Scheme != Uri.UriSchemeHttps))
        {
            return "An action must come from the status page's own origin.";
        }

        return null;
    }

    private async Task<DashboardResponse> AuditAsync(DashboardRequest request, CancellationToken cancellationToken)
    {
        var hours = Number(request.Query, "hours", 24, 1, 24 * 31);
        var limit = Number(request.Query, "limit", DefaultAuditRows, 1, StatusPage.MaxAuditRows);
        var campaign = request.Query.TryGetValue("campaign", out var c) && !string.IsNullOrWhiteSpace(c) ? c.Trim() : null;
        AuditOutcome? outcome = null;
        if (request.Query.TryGetValue("outcome", out var o) && !string.IsNullOrWhiteSpace(o))
        {
            if (!AuditOutcomes.TryParse(o.Trim(), out var parsed))
            {
                return Text(400, "Unknown outcome; use one the audit trail writes (paused, resumed, held-for-approval, manual-hold, ...).");
            }

            outcome = parsed;
        }

        return Json(200, await page.AuditAsync(TimeSpan.FromHours(hours), campaign, outcome, limit, cancellationToken).ConfigureAwait(false));
    }

    private static DashboardResponse Page(DashboardRequest request)
    {
        DashboardAssets.TryGet("index.html", out var body, out var type);
        var headers = Headers();
        // The cookie proves nothing about who you are (the platform does that); it only lets a browser send it from this site alone.
        var cookie = $"{CookieName}={Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant()}; Path=/; HttpOnly; SameSite=Strict";
        headers["Set-Cookie"] = request.Https ? cookie + "; Secure" : cookie;
        return new DashboardResponse(200, type, body, headers);
    }

    private static DashboardResponse File(string name) =>
        DashboardAssets.TryGet(name, out var body, out var type) ? new DashboardResponse(200, type, body, Headers()) : Text(404, "Not found.");

    private static bool HasPageCookie(string? cookieHeader) =>
        cookieHeader is not null && cookieHeader.Split(';').Select(c => c.Trim()).Any(c =>
            c.StartsWith(CookieName + "=", StringComparison.Ordinal) && c.Length == CookieName.Length + 1 + 32 && c[(CookieName.Length + 1)..].All(char.IsAsciiHexDigitLower));

    private static int Number(IReadOnlyDictionary<string, string> query, string name, int fallback, int min, int max) =>
        query.TryGetValue(name, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? Math.Clamp(value, min, max) : fallback;

    private static DashboardResponse Json<T>(int status, T value) =>
        new(status, "application/json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(value, WeatherCampaignJson.Options), Headers());

    private static DashboardResponse Text(int status, string message) => new(status, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(message), Headers());

    private static Dictionary<string, string> Headers() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Content-Security-Policy"] = ContentSecurityPolicy,
        ["X-Content-Type-Options"] = "nosniff",
        ["Referrer-Policy"] = "no-referrer",
        ["Cache-Control"] = "no-store",
        ["Cross-Origin-Opener-Policy"] = "same-origin",
        ["Cross-Origin-Resource-Policy"] = "same-origin",
    };

    private sealed record ActionBody(string? CampaignId, string? Reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Status page: {Action} by {User} (done: {Done})")]
    private static partial void LogAction(ILogger logger, string action, string user, bool done);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Status page: refused {Action}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string action, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Status page: storage failed on {Path} ({Status} {ErrorCode})")]
    private static partial void LogStorageFailed(ILogger logger, string path, int status, string? errorCode);
}
