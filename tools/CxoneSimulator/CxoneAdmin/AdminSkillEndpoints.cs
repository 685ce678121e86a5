using System.Globalization;

namespace CxoneSimulator.CxoneAdmin;

/// <summary>
/// The CXone Admin API's skills under <c>/cxone-api/inContactAPI/services/v30.0</c>: the listing (top/skip, 204 when nothing
/// matches), one skill, and stop/start (202, or 400 when the skill cannot be changed). Every call needs a bearer token the
/// auth host issued.
/// </summary>
internal static class AdminSkillEndpoints
{
    public const string ApiBase = "/cxone-api";
    public const string Version = "v30.0";
    public const int MaxTop = 100;
    private const string Route = ApiBase + "/inContactAPI/services/" + Version + "/skills";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(Route, List).WithMetadata(new SimulatorRoute(SimulatorEndpoint.ListSkills));
        routes.MapGet(Route + "/{id}", Get).WithMetadata(new SimulatorRoute(SimulatorEndpoint.GetSkill));
        routes.MapPost(Route + "/{id}/stop", (HttpContext context, SimulatorState state) => Change(context, state, run: false))
            .WithMetadata(new SimulatorRoute(SimulatorEndpoint.StopSkill));
        routes.MapPost(Route + "/{id}/start", (HttpContext context, SimulatorState state) => Change(context, state, run: true))
            .WithMetadata(new SimulatorRoute(SimulatorEndpoint.StartSkill));
    }

    private static IResult List(HttpContext context, SimulatorState state)
    {
        if (Unauthorized(context, state) is { } refused)
        {
            return refused;
        }

        var query = context.Request.Query;
        if (!TryInt(query["top"], 1, MaxTop, MaxTop, out var top) || !TryInt(query["skip"], 0, int.MaxValue, 0, out var skip)
            || !TryInt(query["mediaTypeId"], 1, 99, 0, out var mediaType))
        {
            return ErrorDocument.Result(StatusCodes.Status400BadRequest, "invalid_request", $"top must be from 1 to {MaxTop}; skip 0 or more.");
        }

        bool? active = query["isActive"].ToString() switch
        {
            "" => null,
            var text => bool.TryParse(text, out var flag) ? flag : null,
        };
        var strategy = query["outboundStrategy"].ToString();
        var (page, total) = state.CxoneAdmin.List(mediaType == 0 ? null : mediaType, strategy.Length == 0 ? null : strategy, active, top, skip);
        return total == 0 ? Results.NoContent() : Results.Ok(new SkillPage(total, page));
    }

    private static IResult Get(HttpContext context, SimulatorState state)
    {
        if (Unauthorized(context, state) is { } refused)
        {
            return refused;
        }

        return ParseId(context, ^1) is { } id && state.CxoneAdmin.Get(id) is { } skill
            ? Results.Ok(new SkillPage(1, [skill]))
            : ErrorDocument.Result(StatusCodes.Status404NotFound, "not_found", "No such skill.");
    }

    private static IResult Change(HttpContext context, SimulatorState state, bool run)
    {
        if (Unauthorized(context, state) is { } refused)
        {
            return refused;
        }

        if (ParseId(context, ^2) is not { } id)
        {
            return ErrorDocument.Result(StatusCodes.Status404NotFound, "not_found", "No such skill.");
        }

        var (outcome, reason) = state.CxoneAdmin.Change(id, run, context.Request.Query.ContainsKey("force"));
        return outcome switch
        {
            SkillChange.Applied => Results.Accepted(),
            SkillChange.NotFound => ErrorDocument.Result(StatusCodes.Status404NotFound, "not_found", "No such skill."),
            _ => ErrorDocument.Result(StatusCodes.Status400BadRequest, "invalid_request", reason),
        };
    }

    /// <summary>The bearer check, and the shared fault that revokes every token after N authorized requests.</summary>
    private static IResult? Unauthorized(HttpContext context, SimulatorState state)
    {
        if (!state.CxoneAdmin.IsValidToken(context.Request.Headers.Authorization.ToString()))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return ErrorDocument.Result(StatusCodes.Status401Unauthorized, "invalid_token", "The access token is missing, expired or revoked.");
        }

        if (state.Faults.CountAuthorizedRequest())
        {
            state.RevokeAllTokens();
        }

        return null;
    }

    private static int? ParseId(HttpContext context, Index segment) =>
        int.TryParse(RawTarget.Segment(context, segment), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static bool TryInt(string? text, int min, int max, int fallback, out int value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    private sealed record SkillPage(int TotalRecords, IReadOnlyList<AdminSkill> Skills);
}
