using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace WeatherCampaign.Testing;

/// <summary>
/// Records of OpenFEMA's <c>DisasterDeclarationsSummaries</c> (v2) written for tests from its data dictionary (every field
/// it lists, dates as OpenFEMA writes them: <c>2024-10-05T00:00:00.000Z</c>); no real record is copied.
/// </summary>
public static class FemaRecords
{
    public const string EntityName = "DisasterDeclarationsSummaries";

    /// <summary>
    /// One designated area of a declaration. <paramref name="declaration"/> is the declaration string (<c>DR-4834-FL</c>);
    /// <paramref name="stateFips"/> and <paramref name="countyFips"/> are written as given (county <c>000</c> is the whole state).
    /// </summary>
    public static JsonObject Area(
        string declaration,
        string? stateFips,
        string? countyFips,
        string designatedArea,
        DateTimeOffset incidentBegin,
        DateTimeOffset? incidentEnd,
        DateTimeOffset lastRefresh,
        string incidentType = "Hurricane",
        DateTimeOffset? declarationDate = null,
        string? title = null)
    {
        var parts = declaration.Split('-');
        var record = new JsonObject
        {
            ["femaDeclarationString"] = declaration,
            ["disasterNumber"] = int.Parse(parts[1], CultureInfo.InvariantCulture),
            ["state"] = parts[2],
            ["declarationType"] = parts[0],
            ["declarationDate"] = Date(declarationDate ?? incidentBegin.AddDays(2)),
            ["fyDeclared"] = (declarationDate ?? incidentBegin).Year,
            ["incidentType"] = incidentType,
            ["declarationTitle"] = title ?? incidentType.ToUpperInvariant(),
            ["ihProgramDeclared"] = true,
            ["iaProgramDeclared"] = true,
            ["paProgramDeclared"] = true,
            ["hmProgramDeclared"] = false,
            ["incidentBeginDate"] = Date(incidentBegin),
            ["incidentEndDate"] = incidentEnd is { } end ? Date(end) : null,
            ["disasterCloseoutDate"] = null,
            ["tribalRequest"] = false,
            ["fipsStateCode"] = stateFips,
            ["fipsCountyCode"] = countyFips,
            ["placeCode"] = countyFips is null ? null : "99" + countyFips,
            ["designatedArea"] = designatedArea,
            ["declarationRequestNumber"] = 24100,
            ["lastIAFilingDate"] = null,
            ["incidentId"] = parts[1] + "000",
            ["region"] = 4,
            ["designatedIncidentTypes"] = incidentType[..1],
            ["lastRefresh"] = Date(lastRefresh),
            ["hash"] = Hex(declaration + stateFips + countyFips + lastRefresh.Ticks),
            ["id"] = IdOf(declaration, stateFips, countyFips),
        };
        return record;
    }

    /// <summary>A stable record id (a UUID as FEMA's are) for one area of one declaration.</summary>
    public static string IdOf(string declaration, string? stateFips, string? countyFips)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{declaration}|{stateFips}|{countyFips}"));
        return new Guid(bytes.AsSpan(0, 16)).ToString();
    }

    /// <summary>A whole answer page: <c>{"metadata":{…,"count"},"DisasterDeclarationsSummaries":[…]}</c>.</summary>
    public static string Page(long count, int skip, int top, params JsonObject[] records) => new JsonObject
    {
        ["metadata"] = new JsonObject
        {
            ["skip"] = skip,
            ["filter"] = "",
            ["orderby"] = "id",
            ["select"] = null,
            ["rundate"] = "2024-10-12T12:00:00.000Z",
            ["top"] = top,
            ["format"] = "json",
            ["metadata"] = true,
            ["entityname"] = EntityName,
            ["version"] = "v2",
            ["url"] = "/api/open/v2/" + EntityName,
            ["count"] = count,
        },
        [EntityName] = new JsonArray([.. records.Select(r => r.DeepClone())]),
    }.ToJsonString();

    public static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Hex(string text) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));
}
