using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CxoneSimulator.OpenFema;

/// <summary>
/// <c>GET /openfema/api/open/v2/DisasterDeclarationsSummaries</c>: FEMA's OData query over <see cref="OpenFemaDataset"/> —
/// <c>$filter</c> (comparisons joined by <c>and</c>: <c>eq ne gt ge lt le</c> against a quoted literal, a number or
/// <c>null</c>; dates compare as dates), <c>$orderby</c>, <c>$top</c> (1 000 by default, at most 10 000), <c>$skip</c>, and
/// <c>$count=true</c> or <c>$inlinecount=allpages</c> for <c>metadata.count</c> (0 without, as OpenFEMA answers). Also
/// <c>PUT /_sim/openfema</c> (a JSON array of records) to replace the set.
/// </summary>
internal static partial class OpenFemaEndpoint
{
    public const string EntityName = "DisasterDeclarationsSummaries";
    public const string Path = "/openfema/api/open/v2/" + EntityName;

    public static void Map(IEndpointRouteBuilder routes)
    {
        // A feed, not the tenant: never rate limited or token-checked; the feed faults apply.
        routes.MapGet(Path, Serve).WithMetadata(new SimulatorRoute(SimulatorEndpoint.Feed));
        routes.MapPut("/_sim/openfema", (SimulatorState state, JsonArray records) =>
        {
            state.OpenFema.Set(records.OfType<JsonObject>());
            return Results.Ok(new { count = state.OpenFema.Count });
        }).WithMetadata(new SimulatorRoute(SimulatorEndpoint.Control));
    }

    private static IResult Serve(HttpContext context, SimulatorState state)
    {
        var query = context.Request.Query;
        var filterText = query["$filter"].ToString();
        var orderText = query["$orderby"].ToString();
        if (!TryParseFilter(filterText, out var filter, out var filterError))
        {
            return Refuse(filterError);
        }

        if (!int.TryParse(query["$top"].FirstOrDefault() ?? "1000", NumberStyles.None, CultureInfo.InvariantCulture, out var top) || top is < 1 or > 10_000)
        {
            return Refuse("$top must be a whole number from 1 to 10000.");
        }

        if (!int.TryParse(query["$skip"].FirstOrDefault() ?? "0", NumberStyles.None, CultureInfo.InvariantCulture, out var skip))
        {
            return Refuse("$skip must be a whole number.");
        }

        var counted = string.Equals(query["$count"], "true", StringComparison.OrdinalIgnoreCase)
            || string.Equals(query["$inlinecount"], "allpages", StringComparison.OrdinalIgnoreCase);
        var decoded = string.Join('&', query.Select(q => $"{q.Key}={q.Value}"));
        var (page, matching) = state.OpenFema.Query(decoded, filter, Order(orderText), skip, top);
        var body = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["skip"] = skip,
                ["filter"] = filterText,
                ["orderby"] = orderText,
                ["select"] = null,
                ["rundate"] = state.TimeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                ["top"] = top,
                ["format"] = "json",
                ["metadata"] = true,
                ["entityname"] = EntityName,
                ["version"] = "v2",
                ["url"] = context.Request.Path + context.Request.QueryString,
                ["count"] = counted ? matching : 0,
            },
            [EntityName] = new JsonArray([.. page]),
        };
        return Results.Text(body.ToJsonString(), "application/json");
    }

    private static IResult Refuse(string message) => Results.Json(new { error = "invalid_query", message }, statusCode: StatusCodes.Status400BadRequest);

    private static bool TryParseFilter(string text, out Func<JsonObject, bool> filter, out string error)
    {
        filter = _ => true;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var clauses = new List<Func<JsonObject, bool>>();
        foreach (var part in AndSeparator().Split(text))
        {
            var match = Comparison().Match(part.Trim().Trim('(', ')').Trim());
            if (!match.Success)
            {
                error = $"$filter clause '{part.Trim()}' is not 'field op value' (op: eq ne gt ge lt le).";
                return false;
            }

            var field = match.Groups["field"].Value;
            var op = match.Groups["op"].Value.ToLowerInvariant();
            var literal = match.Groups["quoted"].Success ? match.Groups["quoted"].Value : match.Groups["bare"].Value;
            var isNull = !match.Groups["quoted"].Success && literal == "null";
            clauses.Add(record => Compare(record[field], literal, isNull, op));
        }

        filter = record => clauses.All(c => c(record));
        return true;
    }

    private static bool Compare(JsonNode? node, string literal, bool isNull, string op)
    {
        var value = node is JsonValue v ? v.ToString() : null;
        if (isNull || value is null)
        {
            var bothNull = isNull && value is null;
            return op switch { "eq" => bothNull, "ne" => !bothNull, _ => false };
        }

        var order = DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var left)
            && DateTimeOffset.TryParse(literal, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var right)
            ? left.CompareTo(right)
            : string.CompareOrdinal(value, literal);
        return op switch
        {
            "eq" => order == 0,
            "ne" => order != 0,
            "gt" => order > 0,
            "ge" => order >= 0,
            "lt" => order < 0,
            _ => order <= 0,
        };
    }

    private static Comparison<JsonObject>? Order(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var keys = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(k => k.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(k => (Field: k[0], Descending: k.Length > 1 && k[1].Equals("desc", StringComparison.OrdinalIgnoreCase)))
            .ToList();
        return (a, b) =>
        {
            foreach (var (field, descending) in keys)
            {
                var order = string.CompareOrdinal(a[field]?.ToString(), b[field]?.ToString());
                if (order != 0)
                {
                    return descending ? -order : order;
                }
            }

            return 0;
        };
    }

    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AndSeparator();

    [GeneratedRegex(@"^(?<field>\w+)\s+(?<op>eq|ne|gt|ge|lt|le)\s+(?:'(?<quoted>[^']*)'|(?<bare>[\w.:-]+))$", RegexOptions.IgnoreCase)]
    private static partial Regex Comparison();
}
