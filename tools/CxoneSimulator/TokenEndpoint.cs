using System.Text.Json.Serialization;
using Microsoft.Net.Http.Headers;

namespace CxoneSimulator;

/// <summary><c>POST /oauth2/token</c>: client credentials in a form body, nothing else.</summary>
internal static class TokenEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/oauth2/token", IssueAsync).WithMetadata(new SimulatorRoute(SimulatorEndpoint.Token));

    private static async Task<IResult> IssueAsync(HttpContext context, SimulatorState state)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return ErrorDocument.Result(
                StatusCodes.Status415UnsupportedMediaType,
                "invalid_request",
                "The token request must be application/x-www-form-urlencoded.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var grant = state.TokenAuthority.Issue(
            Single(form, "grant_type"),
            Single(form, "client_id"),
            Single(form, "client_secret"),
            Single(form, "scope"));
        if (grant.Token is not { } token)
        {
            var status = grant.Error == "insufficient_scope" ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
            return ErrorDocument.Result(status, grant.Error!);
        }

        state.CountTokenIssued();
        context.Response.Headers.CacheControl = "no-store";
        var lifetime = token.ExpiresAt - state.TimeProvider.GetUtcNow();
        return Results.Ok(new TokenAnswer(token.AccessToken, "Bearer", (int)Math.Round(lifetime.TotalSeconds), string.Join(' ', token.Scopes)));
    }

    private static string? Single(IFormCollection form, string key) =>
        form.TryGetValue(key, out var values) && values.Count == 1 ? values[0] : null;

    private sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        string Scope);
}
