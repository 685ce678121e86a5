using System.Globalization;
using System.Text;
using System.Web;

namespace WeatherCampaign.Core.Alerts;

/// <summary>
/// The OData query of one OpenFEMA page: the feed's own URL (its <c>$filter</c> kept and combined), the service's filter,
/// <c>$orderby=id</c> so that <c>$skip</c> pages through a stable order, <c>$top</c>, <c>$skip</c> and <c>$count=true</c> so
/// that every page says how many records match.
/// </summary>
internal static class OpenFemaQuery
{
    private static readonly string[] Managed = ["$top", "$skip", "$orderby", "$count", "$inlinecount", "$filter", "$allrecords", "$select", "$format", "$metadata"];

    /// <summary>An OData date literal as OpenFEMA writes its own: <c>2024-10-09T00:00:00.000Z</c>.</summary>
    public static string Literal(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Declarations declared since <paramref name="declaredSince"/> and, for an incremental read, refreshed at or after the
    /// high-water mark. <c>ge</c>, not <c>gt</c>: records written in the same millisecond as the last one seen, after it was
    /// read, are not lost; the ones read twice replace themselves.
    /// </summary>
    public static string Filter(DateTimeOffset declaredSince, DateTimeOffset? refreshedSince) =>
        $"declarationDate ge '{Literal(declaredSince)}'" + (refreshedSince is { } since ? $" and lastRefresh ge '{Literal(since)}'" : "");

    public static Uri Page(Uri feed, string filter, int top, long skip)
    {
        var given = HttpUtility.ParseQueryString(feed.Query);
        var query = new StringBuilder();
        foreach (var name in given.AllKeys.OfType<string>().Where(k => !Managed.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            Append(query, name, given[name] ?? "");
        }

        var own = given["$filter"] is { Length: > 0 } theirs ? $"({theirs}) and {filter}" : filter;
        Append(query, "$filter", own);
        Append(query, "$orderby", "id");
        Append(query, "$top", top.ToString(CultureInfo.InvariantCulture));
        Append(query, "$skip", skip.ToString(CultureInfo.InvariantCulture));
        Append(query, "$count", "true");
        return new UriBuilder(feed) { Query = query.ToString() }.Uri;
    }

    private static void Append(StringBuilder query, string name, string value)
    {
        if (query.Length > 0)
        {
            query.Append('&');
        }

        // '$' stays as OpenFEMA documents it; everything else of the value is escaped (spaces, quotes).
        query.Append(Uri.EscapeDataString(name).Replace("%24", "$", StringComparison.Ordinal)).Append('=').Append(Uri.EscapeDataString(value));
    }
}
