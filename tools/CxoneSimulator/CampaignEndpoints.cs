using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace CxoneSimulator;

/// <summary>The CXone campaign endpoints the service calls (<c>CxoneCampaignClient</c>): list (paged), read one, change status.</summary>
internal static class CampaignEndpoints
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
    private const string Route = "/api/v2/outbound/campaigns";
    private static readonly string[] FallbackRegions = ["US-NE"];

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(Route, List).WithMetadata(new SimulatorRoute(SimulatorEndpoint.ListCampaigns));
        routes.MapGet(Route + "/{id}", Get).WithMetadata(new SimulatorRoute(SimulatorEndpoint.GetCampaign));
        routes.MapPatch(Route + "/{id}", PatchAsync).WithMetadata(new SimulatorRoute(SimulatorEndpoint.PatchCampaign));
    }

    private static IResult List(HttpContext context, SimulatorState state)
    {
        var query = context.Request.Query;
        if (!TryReadInt(query["page"], 1, int.MaxValue, 1, out var page)
            || !TryReadInt(query["pageSize"], 1, MaxPageSize, DefaultPageSize, out var pageSize))
        {
            return ErrorDocument.Result(
                StatusCodes.Status400BadRequest,
                "invalid_request",
                $"page must be a whole number from 1; pageSize from 1 to {MaxPageSize}.");
        }

        var faults = state.Faults;
        if (faults.FailListingPage == page)
        {
            return ErrorDocument.Result(StatusCodes.Status500InternalServerError, "server_error", $"Listing page {page} failed.");
        }

        var (entities, total) = state.CampaignBook.ReadPage(page, pageSize);
        if (faults.TryTakeListingGrowth(page) && faults.GrowBy > 0)
        {
            Grow(state, faults.GrowBy, total);
        }

        var pageCount = (int)((total + (long)pageSize - 1) / pageSize);
        return Results.Ok(new CampaignPage(page, pageSize, entities.Count, total, pageCount, entities));
    }

    private static IResult Get(HttpContext context, SimulatorState state)
    {
        var id = RawTarget.Segment(context, ^1);
        return state.Get(id) is { } campaign ? Results.Ok(campaign) : NotFound(id);
    }

    private static async Task<IResult> PatchAsync(HttpContext context, SimulatorState state)
    {
        var id = RawTarget.Segment(context, ^1);
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            state.CountPatch(applied: false);
            return ErrorDocument.Result(StatusCodes.Status415UnsupportedMediaType, "invalid_request", "The body must be application/json.");
        }

        var target = await ReadTargetStatusAsync(context);
        if (target is null)
        {
            state.CountPatch(applied: false);
            return ErrorDocument.Result(
                StatusCodes.Status400BadRequest,
                "invalid_request",
                """The body must be {"status":"paused"} or {"status":"running"}.""");
        }

        var (outcome, campaign) = state.CampaignBook.Transition(id, target);
        state.CountPatch(outcome == TransitionOutcome.Applied);
        return outcome switch
        {
            TransitionOutcome.Applied => Results.Ok(campaign),
            TransitionOutcome.NotFound => NotFound(id),
            _ => Results.Json(
                new ConflictDocument("conflict", $"Campaign is {campaign!.Status}; it cannot be set to {target} now.", campaign.Status),
                statusCode: StatusCodes.Status409Conflict),
        };
    }

    private static async Task<string?> ReadTargetStatusAsync(HttpContext context)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("status", out var status)
                && status.ValueKind == JsonValueKind.String
                && status.GetString() is CampaignEntity.Paused or CampaignEntity.Running
                    ? status.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Grow(SimulatorState state, int count, int total)
    {
        var regions = state.Campaigns
            .Select(c => c.CustomAttributes?.GetValueOrDefault("region") is { ValueKind: JsonValueKind.String } region ? region.GetString()! : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        state.CampaignBook.AddRange(CampaignFactory.Make(count, regions.Length > 0 ? regions : FallbackRegions, new Random(), total + 1));
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

    private static IResult NotFound(string id) =>
        ErrorDocument.Result(StatusCodes.Status404NotFound, "not_found", $"No campaign with id '{id}'.");

    private sealed record CampaignPage(int Page, int PageSize, int Count, int Total, int PageCount, IReadOnlyList<CampaignEntity> Entities);

    private sealed record ConflictDocument(string Error, string Message, string Status);
}
