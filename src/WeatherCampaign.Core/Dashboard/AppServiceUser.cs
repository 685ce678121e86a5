using System.Text;
using System.Text.Json;

namespace WeatherCampaign.Core.Dashboard;

/// <summary>
/// The signed-in person as App Service Authentication (Entra ID) names them: the <c>X-MS-CLIENT-PRINCIPAL-NAME</c> header,
/// else the name claim of <c>X-MS-CLIENT-PRINCIPAL</c> (Base64 JSON). The platform sets both after sign-in and strips them from
/// what a client sends, so with authentication on they cannot be forged; without them there is no person, and no access.
/// </summary>
public static class AppServiceUser
{
    public const string NameHeader = "X-MS-CLIENT-PRINCIPAL-NAME";
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";
    private const int MaxNameLength = 200;

    /// <summary>The person's name, or null when neither header names one.</summary>
    public static string? FromHeaders(string? principalName, string? principal)
    {
        if (Clean(principalName) is { } name)
        {
            return name;
        }

        if (string.IsNullOrWhiteSpace(principal))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Convert.FromBase64String(principal.Trim()));
            if (!document.RootElement.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var nameType = document.RootElement.TryGetProperty("name_typ", out var typ) && typ.ValueKind == JsonValueKind.String ? typ.GetString() : null;
            foreach (var wanted in new[] { nameType, "preferred_username", "name", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name" })
            {
                foreach (var claim in claims.EnumerateArray())
                {
                    if (wanted is not null && claim.ValueKind == JsonValueKind.Object
                        && claim.TryGetProperty("typ", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == wanted
                        && claim.TryGetProperty("val", out var value) && value.ValueKind == JsonValueKind.String && Clean(value.GetString()) is { } claimed)
                    {
                        return claimed;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            // Not what the platform sends: no person.
        }

        return null;
    }

    /// <summary>A name fit for an audit row: trimmed, no control characters, bounded.</summary>
    public static string? Clean(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var text = new StringBuilder(Math.Min(name.Length, MaxNameLength));
        foreach (var c in name.Trim())
        {
            if (text.Length == MaxNameLength)
            {
                break;
            }

            text.Append(char.IsControl(c) ? ' ' : c);
        }

        return text.ToString();
    }
}
