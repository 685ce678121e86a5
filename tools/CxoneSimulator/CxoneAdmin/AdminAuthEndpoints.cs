using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization;

namespace CxoneSimulator.CxoneAdmin;

/// <summary>
/// The CXone auth host under <c>/cxone-auth</c>: <c>POST /auth/token</c> (the password and refresh grants, the application
/// in Basic authentication) and <c>GET /.well-known/cxone-configuration?tenantId=</c> naming the tenant's API host.
/// </summary>
internal static class AdminAuthEndpoints
{
    public const string Base = "/cxone-auth";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost(Base + "/auth/token", IssueAsync).WithMetadata(new SimulatorRoute(SimulatorEndpoint.CxoneAdminToken));
        routes.MapGet(Base + "/.well-known/cxone-configuration", Discover).WithMetadata(new SimulatorRoute(SimulatorEndpoint.CxoneAdminDiscovery));
    }

    private static async Task<IResult> IssueAsync(HttpContext context, SimulatorState state)
    {
        if (!context.Request.HasFormContentType)
        {
            return ErrorDocument.Result(StatusCodes.Status415UnsupportedMediaType, "invalid_request", "The token request must be application/x-www-form-urlencoded.");
        }

        var (clientId, clientSecret) = BasicCredentials(context.Request.Headers.Authorization.ToString());
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var admin = state.CxoneAdmin;
        var tokens = Single(form, "grant_type") switch
        {
            "password" => admin.GrantPassword(clientId, clientSecret, Single(form, "username"), Single(form, "password")),
            "refresh_token" => admin.GrantRefresh(clientId, clientSecret, Single(form, "refresh_token")),
            _ => null,
        };
        if (tokens is null)
        {
            // A refresh token refused is a bad grant (400); a client or access key refused is 401, as the adapter's revocation case expects.
            return Single(form, "grant_type") == "refresh_token"
                ? ErrorDocument.Result(StatusCodes.Status400BadRequest, "invalid_grant", "The refresh token is not valid.")
                : ErrorDocument.Result(StatusCodes.Status401Unauthorized, "invalid_client", "The client or access key was refused.");
        }

        state.CountTokenIssued();
        context.Response.Headers.CacheControl = "no-store";
        return Results.Ok(new TokenAnswer(tokens.AccessToken, "Bearer", tokens.ExpiresIn, tokens.RefreshToken, tokens.IdToken));
    }

    private static IResult Discover(HttpContext context, SimulatorState state)
    {
        if (context.Request.Query["tenantId"].ToString() != CxoneAdminState.TenantId)
        {
            return ErrorDocument.Result(StatusCodes.Status404NotFound, "not_found", "No such tenant.");
        }

        var own = $"{context.Request.Scheme}://{context.Request.Host}";
        return Results.Ok(new Discovery(
            state.CxoneAdmin.ApiEndpointOverride ?? own + AdminSkillEndpoints.ApiBase,
            own + Base,
            own + "/cxone-ui",
            "sim1",
            "S1",
            "niceincontact.com",
            CxoneAdminState.TenantId));
    }

    private static (string? Id, string? Secret) BasicCredentials(string header)
    {
        if (!AuthenticationHeaderValue.TryParse(header, out var value) || !"Basic".Equals(value.Scheme, StringComparison.OrdinalIgnoreCase) || value.Parameter is null)
        {
            return (null, null);
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(value.Parameter));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (null, null) : (pair[..colon], pair[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }

    private static string? Single(IFormCollection form, string key) =>
        form.TryGetValue(key, out var values) && values.Count == 1 ? values[0] : null;

    private sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("refresh_token")] string RefreshToken,
        [property: JsonPropertyName("id_token")] string IdToken);

    private sealed record Discovery(
        [property: JsonPropertyName("api_endpoint")] string ApiEndpoint,
        [property: JsonPropertyName("auth_endpoint")] string AuthEndpoint,
        [property: JsonPropertyName("ui_endpoint")] string UiEndpoint,
        [property: JsonPropertyName("area")] string Area,
        [property: JsonPropertyName("cluster")] string Cluster,
        [property: JsonPropertyName("domain")] string Domain,
        [property: JsonPropertyName("tenantId")] string TenantId);
}
