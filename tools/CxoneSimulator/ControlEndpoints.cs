namespace CxoneSimulator;

/// <summary>
/// <c>/_sim/…</c>: unauthenticated control for the standalone process, the demo and manual poking.
/// Never logged, rate limited or faulted.
/// </summary>
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var control = routes.MapGroup("/_sim").WithMetadata(new SimulatorRoute(SimulatorEndpoint.Control));

        control.MapGet("/campaigns", (SimulatorState state) => state.Campaigns);
        control.MapPost("/campaigns", (SimulatorState state, IReadOnlyList<CampaignEntity> campaigns) =>
        {
            state.Seed(campaigns);
            return Results.Ok(new { count = campaigns.Count });
        });
        control.MapPut("/campaigns/{id}/status", (HttpContext context, SimulatorState state, StatusChange change) =>
        {
            if (string.IsNullOrWhiteSpace(change.Status))
            {
                return ErrorDocument.Result(StatusCodes.Status400BadRequest, "invalid_request", "status is required.");
            }

            return state.SetStatusAsPerson(RawTarget.Segment(context, 2), change.Status) is { } campaign
                ? Results.Ok(campaign)
                : Results.NotFound();
        });
        control.MapDelete("/campaigns/{id}", (HttpContext context, SimulatorState state) =>
            state.Delete(RawTarget.Segment(context, ^1)) ? Results.NoContent() : Results.NotFound());

        control.MapPut("/feeds/{name}", async (HttpContext context, SimulatorState state) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            state.SetFeed(RawTarget.Segment(context, ^1), body.ToArray(), context.Request.ContentType ?? "application/octet-stream");
            return Results.NoContent();
        });
        control.MapDelete("/feeds/{name}", (HttpContext context, SimulatorState state) =>
            state.ClearFeed(RawTarget.Segment(context, ^1)) ? Results.NoContent() : Results.NotFound());

        control.MapGet("/faults", (SimulatorState state) => state.Faults);
        control.MapPut("/faults", (SimulatorState state, SimulatorFaults faults) =>
        {
            state.Faults.CopyFrom(faults);
            return state.Faults;
        });

        control.MapPost("/revoke-tokens", (SimulatorState state) =>
        {
            state.RevokeAllTokens();
            return Results.NoContent();
        });
        control.MapGet("/stats", (SimulatorState state) => state.GetStats());
        control.MapDelete("/stats", (SimulatorState state) =>
        {
            state.ResetCounters();
            return Results.NoContent();
        });
        control.MapGet("/requests", (SimulatorState state) => state.Requests);
        control.MapDelete("/requests", (SimulatorState state) =>
        {
            state.ClearRequests();
            return Results.NoContent();
        });
    }

    private sealed record StatusChange(string Status);
}
