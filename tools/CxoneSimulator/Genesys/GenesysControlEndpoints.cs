using System.Text.Json.Nodes;

namespace CxoneSimulator.Genesys;

/// <summary><c>/_sim/genesys/…</c>: unauthenticated control of the simulated Genesys Cloud org, never logged, rate limited or faulted.</summary>
internal static class GenesysControlEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var control = routes.MapGroup("/_sim/genesys").WithMetadata(new SimulatorRoute(SimulatorEndpoint.Control));

        control.MapGet("/campaigns", (SimulatorState state) => state.Genesys.Campaigns);
        control.MapPost("/campaigns", (SimulatorState state, JsonArray campaigns) =>
        {
            state.Genesys.Seed(campaigns.OfType<JsonObject>());
            return Results.Ok(new { count = state.Genesys.Campaigns.Count });
        });
        // A person's edit in the Genesys Cloud UI: the fields given replace the campaign's, and its version rises.
        control.MapPatch("/campaigns/{id}", (HttpContext context, SimulatorState state, JsonObject fields) =>
            state.Genesys.EditAsPerson(RawTarget.Segment(context, ^1), body =>
            {
                foreach (var (name, value) in fields)
                {
                    body[name] = value?.DeepClone();
                }
            }) is { } campaign ? Results.Json(campaign) : Results.NotFound());
        control.MapDelete("/campaigns/{id}", (HttpContext context, SimulatorState state) =>
            state.Genesys.Delete(RawTarget.Segment(context, ^1)) ? Results.NoContent() : Results.NotFound());
        control.MapGet("/field-changes", (SimulatorState state) => state.Genesys.FieldChanges);
        control.MapGet("/rules", (SimulatorState state) => state.Genesys.Rules);
        control.MapPut("/rules", (SimulatorState state, GenesysRules rules) =>
        {
            state.Genesys.Rules.StoppingReads = rules.StoppingReads;
            state.Genesys.Rules.StoppingFor = rules.StoppingFor;
            state.Genesys.Rules.StaleVersionAs400 = rules.StaleVersionAs400;
            return state.Genesys.Rules;
        });
    }
}
