namespace WeatherCampaign.Core.Platforms.CxoneSkills;

/// <summary>
/// Which API host a discovery answer may name. NICE serves its tenants' APIs on its own domains only: <c>api-{area}.niceincontact.com</c>
/// (the auth host <c>cxone.niceincontact.com</c> and FedRAMP's <c>cxone-gov.niceincontact.com</c> too) and the regional
/// <c>{region}.nice-incontact.com</c> hosts (<c>/work/shared/contract/cxone-admin-skills.md</c>, "Authentication and the API host").
/// </summary>
public static class CxoneApiEndpoint
{
    /// <summary>The domains a discovered API host must end with.</summary>
    public static readonly IReadOnlyList<string> NiceDomains = ["niceincontact.com", "nice-incontact.com"];

    /// <summary>The API base (with a trailing slash) when <paramref name="endpoint"/> may carry the tenant's token; otherwise why not.</summary>
    public static bool TryAccept(string? endpoint, bool allowLoopback, out Uri? api, out string reason)
    {
        api = null;
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            reason = "it is not an absolute http(s) URL";
            return false;
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            reason = "it carries a query, a fragment or user information";
            return false;
        }

        if (uri.IsLoopback)
        {
            if (!allowLoopback)
            {
                reason = "it is a loopback host, allowed only with CxoneAdmin:AllowLoopbackEndpoints=true";
                return false;
            }
        }
        else if (uri.Scheme != Uri.UriSchemeHttps || !IsNiceHost(uri.IdnHost))
        {
            reason = $"only https on a NICE domain ({string.Join(", ", NiceDomains)}) may carry the tenant's token";
            return false;
        }

        api = new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
        reason = "";
        return true;
    }

    /// <summary>A host for display: scheme, host and port only, never a path or query.</summary>
    public static string Describe(string? endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : "(not a URL)";

    private static bool IsNiceHost(string host) =>
        NiceDomains.Any(domain => host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase));
}
