using System.Globalization;

namespace CxoneSimulator.Webhooks;

/// <summary>
/// <c>POST /webhooks/{name}</c>: a chat webhook that records what it is sent (answers 200, or the injected fault);
/// <c>GET /_sim/webhooks[/{name}]</c> lists the posts, <c>PUT /_sim/webhooks/{name}/fault</c> sets a fault, <c>DELETE /_sim/webhooks</c> clears.
/// </summary>
internal static class WebhookEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        // Not a tenant endpoint: no token, no rate limit, not in the request log; its faults are its own.
        var control = new SimulatorRoute(SimulatorEndpoint.Control);
        routes.MapPost("/webhooks/{name}", async (HttpContext context, SimulatorState state) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var fault = state.Webhooks.Receive(RawTarget.Segment(context, ^1), context.Request.ContentType, body);
            if (fault is null)
            {
                return Results.Text("1", "text/plain");
            }

            if (fault.DelayMs is { } delay)
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            if (fault.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            return Results.Text("fault injected", "text/plain", statusCode: fault.Status);
        }).WithMetadata(control);

        var sim = routes.MapGroup("/_sim/webhooks").WithMetadata(control);
        sim.MapGet("", (SimulatorState state) => state.Webhooks.Posts());
        sim.MapGet("/{name}", (HttpContext context, SimulatorState state) => state.Webhooks.Posts(RawTarget.Segment(context, ^1)));
        sim.MapPut("/{name}/fault", (HttpContext context, SimulatorState state, WebhookFault fault) =>
        {
            state.Webhooks.SetFault(RawTarget.Segment(context, ^2), fault);
            return Results.NoContent();
        });
        sim.MapDelete("", (SimulatorState state) =>
        {
            state.Webhooks.Clear();
            return Results.NoContent();
        });
    }
}
