namespace WeatherCampaign.Core.Alerts;

/// <summary>
/// Puts alert ids and reference ids in one form so an Update's or Cancel's references compare equal to the ids of the
/// alerts they supersede: the bare CAP identifier (<c>urn:oid:2.49.0.1.840.0.…</c>, <c>NWS-IDP-PROD-…</c>).
/// </summary>
public static class AlertIdentifiers
{
    /// <summary>
    /// An id as written, or the last path segment of an http(s) URL without a query (<c>https://api.weather.gov/alerts/X</c> → <c>X</c>);
    /// a URL with a query (<c>…/wwacapget.php?x=NY1262</c>) stays whole, since its last segment names no alert.
    /// </summary>
    public static string Normalize(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var trimmed = id.Trim();
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.Query.Length == 0)
        {
            var path = uri.AbsolutePath.TrimEnd('/');
            var last = path[(path.LastIndexOf('/') + 1)..];
            if (last.Length > 0)
            {
                return Uri.UnescapeDataString(last);
            }
        }

        return trimmed;
    }

    /// <summary>
    /// The identifiers in a CAP <c>references</c> element: space-separated <c>sender,identifier,sent</c> triples,
    /// each giving its middle element. A token that is not a triple is taken as an identifier.
    /// </summary>
    public static IReadOnlyList<string> FromCapReferences(string? references)
    {
        if (string.IsNullOrWhiteSpace(references))
        {
            return [];
        }

        var ids = new List<string>();
        foreach (var token in references.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = token.Split(',');
            var id = Normalize(parts.Length >= 2 ? parts[1] : parts[0]);
            if (id.Length > 0 && !ids.Contains(id, StringComparer.Ordinal))
            {
                ids.Add(id);
            }
        }

        return ids;
    }
}
