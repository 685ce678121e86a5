using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace CxoneSimulator.Genesys;

/// <summary>
/// The Genesys Cloud endpoints the service calls (<c>GenesysCloudClient</c>): the client-credentials token with Basic
/// authentication, the paged campaign listing, one campaign, and the PUT of a whole campaign.
/// </summary>
internal static class GenesysEndpoints
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost(GenesysRoutes.LoginBase + "/oauth/token", IssueAsync).WithMetadata(new SimulatorRoute(SimulatorEndpoint.GenesysToken));
        routes.MapGet(GenesysRoutes.CampaignsPath, List).WithMetadata(new SimulatorRoute(SimulatorEndpoint.GenesysListCampaigns));
        routes.MapGet(GenesysRoutes.CampaignsPath + "/{id}", Get).WithMetadata(new SimulatorRoute(SimulatorEndpoint.GenesysGetCampaign));
        routes.MapPut(GenesysRoutes.CampaignsPath + "/{id}", PutAsync).WithMetadata(new SimulatorRoute(SimulatorEndpoint.GenesysPutCampaign));
        GenesysControlEndpoints.Map(routes);
    }

    /// <summary>Adds the <c>inin-ratelimit-*</c> headers Genesys Cloud sends with a 429.</summary>
    public static void WriteRateLimitHeaders(HttpContext context, TimeSpan wait, double requestsPerSecond)
    {
        context.Response.Headers["inin-ratelimit-allowed"] = ((int)Math.Max(1, requestsPerSecond * 60)).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["inin-ratelimit-count"] = ((int)Math.Max(1, requestsPerSecond * 60)).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["inin-ratelimit-reset"] = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }

    private static async Task<IResult> IssueAsync(HttpContext context, SimulatorState state)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return OAuthError(StatusCodes.Status400BadRequest, "invalid_request", "The token request must be application/x-www-form-urlencoded.");
        }

        var (clientId, clientSecret) = BasicCredentials(context.Request.Headers.Authorization.ToString());
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form.ContainsKey("client_secret"))
        {
            return OAuthError(StatusCodes.Status400BadRequest, "invalid_request", "Send the client credentials with Basic authentication, not in the form.");
        }

        var grantType = form.TryGetValue("grant_type", out var values) && values.Count == 1 ? values[0] : null;
        var grant = state.TokenAuthority.Issue(grantType, clientId, clientSecret, requestedScope: null);
        if (grant.Token is not { } token)
        {
            return grant.Error == "unsupported_grant_type"
                ? OAuthError(StatusCodes.Status400BadRequest, "unsupported_grant_type", "Only client_credentials is supported.")
                : OAuthError(StatusCodes.Status401Unauthorized, "invalid_client", "Client authentication failed.");
        }

        state.CountTokenIssued();
        context.Response.Headers.CacheControl = "no-store";
        var lifetime = token.ExpiresAt - state.TimeProvider.GetUtcNow();
        return Results.Json(new JsonObject
        {
            ["access_token"] = token.AccessToken,
            ["token_type"] = "bearer",
            ["expires_in"] = (int)Math.Round(lifetime.TotalSeconds),
        });
    }

    private static IResult List(HttpContext context, SimulatorState state)
    {
        var query = context.Request.Query;
        if (!TryReadInt(query["pageNumber"], 1, int.MaxValue, 1, out var pageNumber)
            || !TryReadInt(query["pageSize"], 1, MaxPageSize, DefaultPageSize, out var pageSize))
        {
            return Error(StatusCodes.Status400BadRequest, "bad.request", $"pageNumber must be a whole number from 1; pageSize from 1 to {MaxPageSize}.");
        }

        var (entities, total) = state.Genesys.ReadPage(pageNumber, pageSize);
        var pageCount = (int)((total + (long)pageSize - 1) / pageSize);
        string Page(int n) => $"/api/v2/outbound/campaigns?pageSize={pageSize}&pageNumber={n}";
        var answer = new JsonObject
        {
            ["entities"] = new JsonArray([.. entities]),
            ["pageSize"] = pageSize,
            ["pageNumber"] = pageNumber,
            ["total"] = total,
            ["pageCount"] = pageCount,
            ["firstUri"] = Page(1),
            ["selfUri"] = Page(pageNumber),
            ["lastUri"] = Page(Math.Max(pageCount, 1)),
        };
        if (pageNumber < pageCount)
        {
            answer["nextUri"] = Page(pageNumber + 1);
        }

        if (pageNumber > 1)
        {
            answer["previousUri"] = Page(pageNumber - 1);
        }

        return Results.Json(answer);
    }

    private static IResult Get(HttpContext context, SimulatorState state)
    {
        var id = RawTarget.Segment(context, ^1);
        return state.Genesys.Read(id) is { } campaign ? Results.Json(campaign) : NotFound(id);
    }

    private static async Task<IResult> PutAsync(HttpContext context, SimulatorState state)
    {
        var id = RawTarget.Segment(context, ^1);
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Error(StatusCodes.Status415UnsupportedMediaType, "unsupported.media.type", "The body must be application/json.");
        }

        JsonObject? sent;
        try
        {
            sent = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            sent = null;
        }

        if (sent is null)
        {
            return Error(StatusCodes.Status400BadRequest, "bad.request", "The body must be a campaign.");
        }

        var result = state.Genesys.Put(id, sent);
        return result.Outcome switch
        {
            GenesysPutOutcome.Applied => Results.Json(result.Campaign),
            GenesysPutOutcome.NotFound => NotFound(id),
            GenesysPutOutcome.StaleVersion when state.Genesys.Rules.StaleVersionAs400 => Error(StatusCodes.Status400BadRequest, "bad.request", result.Message),
            GenesysPutOutcome.StaleVersion => Error(StatusCodes.Status409Conflict, "conflict", result.Message),
            GenesysPutOutcome.InvalidTransition => Error(StatusCodes.Status400BadRequest, "invalid.update", result.Message),
            _ => Error(StatusCodes.Status400BadRequest, "bad.request", result.Message),
        };
    }

    private static (string? ClientId, string? ClientSecret) BasicCredentials(string authorization)
    {
        const string scheme = "Basic ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[scheme.Length..].Trim()));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (null, null) : (pair[..colon], pair[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }

    private static bool TryReadInt(StringValues values, int min, int max, int fallback, out int value)
    {
        value = fallback;
        return values.Count == 0
            || (values.Count == 1
                && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out value)
                && value >= min
                && value <= max);
    }

    private static IResult NotFound(string id) => Error(StatusCodes.Status404NotFound, "not.found", $"The campaign {id} was not found.");

    /// <summary>Genesys Cloud's error document.</summary>
    private static IResult Error(int status, string code, string message) => Results.Json(
        new JsonObject { ["message"] = message, ["code"] = code, ["status"] = status, ["contextId"] = Guid.NewGuid().ToString(), ["details"] = new JsonArray(), ["errors"] = new JsonArray() },
        statusCode: status);

    private static IResult OAuthError(int status, string error, string description) =>
        Results.Json(new JsonObject { ["error"] = error, ["description"] = description, ["error_description"] = description }, statusCode: status);
}
