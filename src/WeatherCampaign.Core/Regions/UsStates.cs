using System.Collections.Frozen;

namespace WeatherCampaign.Core.Regions;

/// <summary>US state and territory codes (USPS) and their FIPS numbers, the two ways alerts name a state.</summary>
public static class UsStates
{
    private static readonly FrozenDictionary<string, string> PostalByFips = new Dictionary<string, string>
    {
        ["01"] = "AL",
        ["02"] = "AK",
        ["04"] = "AZ",
        ["05"] = "AR",
        ["06"] = "CA",
        ["08"] = "CO",
        ["09"] = "CT",
        ["10"] = "DE",
        ["11"] = "DC",
        ["12"] = "FL",
        ["13"] = "GA",
        ["15"] = "HI",
        ["16"] = "ID",
        ["17"] = "IL",
        ["18"] = "IN",
        ["19"] = "IA",
        ["20"] = "KS",
        ["21"] = "KY",
        ["22"] = "LA",
        ["23"] = "ME",
        ["24"] = "MD",
        ["25"] = "MA",
        ["26"] = "MI",
        ["27"] = "MN",
        ["28"] = "MS",
        ["29"] = "MO",
        ["30"] = "MT",
        ["31"] = "NE",
        ["32"] = "NV",
        ["33"] = "NH",
        ["34"] = "NJ",
        ["35"] = "NM",
        ["36"] = "NY",
        ["37"] = "NC",
        ["38"] = "ND",
        ["39"] = "OH",
        ["40"] = "OK",
        ["41"] = "OR",
        ["42"] = "PA",
        ["44"] = "RI",
        ["45"] = "SC",
        ["46"] = "SD",
        ["47"] = "TN",
        ["48"] = "TX",
        ["49"] = "UT",
        ["50"] = "VT",
        ["51"] = "VA",
        ["53"] = "WA",
        ["54"] = "WV",
        ["55"] = "WI",
        ["56"] = "WY",
        // Territories and freely associated states; 57–59, 61, 65, 73, 75, 77 and 9x are SAME marine areas, not states.
        ["60"] = "AS",
        ["64"] = "FM",
        ["66"] = "GU",
        ["68"] = "MH",
        ["69"] = "MP",
        ["70"] = "PW",
        ["72"] = "PR",
        ["74"] = "UM",
        ["78"] = "VI",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Postal = PostalByFips.Values.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>UGC prefixes of NWS marine areas: a marine zone lies in no state.</summary>
    private static readonly FrozenSet<string> MarineUgcAreas = new[]
    {
        "AM", "AN", "GM", "LC", "LE", "LH", "LM", "LO", "LS", "PH", "PK", "PM", "PS", "PZ", "SL",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="code"/> is a USPS state, DC or territory code (case-insensitive).</summary>
    public static bool IsPostalCode(ReadOnlySpan<char> code) =>
        code.Length == 2 && Postal.GetAlternateLookup<ReadOnlySpan<char>>().Contains(code);

    /// <summary>The USPS code for a two-digit state FIPS number, or null (marine areas and unknown numbers).</summary>
    public static string? PostalCodeForFips(ReadOnlySpan<char> fips) =>
        PostalByFips.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(fips, out var postal) ? postal : null;

    /// <summary>Whether a UGC two-letter prefix names a marine area (Atlantic, Gulf, Great Lakes, Pacific…).</summary>
    public static bool IsMarineUgcArea(ReadOnlySpan<char> prefix) =>
        prefix.Length == 2 && MarineUgcAreas.GetAlternateLookup<ReadOnlySpan<char>>().Contains(prefix);
}
