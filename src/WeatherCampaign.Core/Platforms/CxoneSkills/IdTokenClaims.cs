using System.Buffers.Text;
using System.Text.Json;

namespace WeatherCampaign.Core.Platforms.CxoneSkills;

/// <summary>
/// Reads the tenant from the id_token's payload. The signature is not checked: the token came straight from the configured
/// auth host over TLS, and it only chooses which discovery answer to ask that same host for.
/// </summary>
public static class IdTokenClaims
{
    /// <summary>The <c>tenantId</c> claim, or null when the token is not a JWT with one.</summary>
    public static string? TenantId(string? idToken)
    {
        var parts = (idToken ?? "").Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return payload.RootElement.ValueKind == JsonValueKind.Object
                && payload.RootElement.TryGetProperty("tenantId", out var tenant) && tenant.ValueKind == JsonValueKind.String
                && tenant.GetString() is { Length: > 0 } value
                ? value
                : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }
}
