namespace WeatherCampaign.Core.Regions;

/// <summary>
/// Builds canonical region keys (<c>NAME:value</c>) from geocode names and values.
/// Known names get one spelling: <c>UGC</c>, <c>SAME</c> (FIPS6 and FIPS are the same county numbering, so they
/// become <c>SAME</c> too, padded to six digits), <c>STATE</c>, <c>EMMA_ID</c>, <c>CAP-CP:Location:0.3</c>
/// (with or without the <c>profile:</c> prefix) and <c>REGION</c> (opaque codes); any other name is upper-cased.
/// Keys compare case-insensitively; sets returned by <see cref="RegionCatalog"/> use <see cref="StringComparer.OrdinalIgnoreCase"/>.
/// </summary>
public static class RegionKey
{
    public const string Ugc = "UGC";
    public const string Same = "SAME";
    public const string State = "STATE";
    public const string EmmaId = "EMMA_ID";
    public const string CapCpLocation = "CAP-CP:Location:0.3";
    public const string Region = "REGION";

    /// <summary>The comparer every key set uses.</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>The canonical spelling of a geocode name (<c>fips6</c> → <c>SAME</c>, <c>profile:CAP-CP:Location:0.3</c> → <c>CAP-CP:Location:0.3</c>).</summary>
    public static string CanonicalName(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.StartsWith("profile:", StringComparison.OrdinalIgnoreCase)
            && trimmed.AsSpan("profile:".Length).Equals(CapCpLocation, StringComparison.OrdinalIgnoreCase))
        {
            return CapCpLocation;
        }

        return trimmed.ToUpperInvariant() switch
        {
            "UGC" => Ugc,
            "SAME" or "FIPS6" or "FIPS" => Same,
            "STATE" => State,
            "EMMA_ID" => EmmaId,
            "CAP-CP:LOCATION:0.3" => CapCpLocation,
            "REGION" => Region,
            var other => other,
        };
    }

    /// <summary>Whether a canonical name is one this catalog understands (as opposed to a provider's private code list).</summary>
    public static bool IsKnownName(string canonicalName) => canonicalName is Ugc or Same or State or EmmaId or CapCpLocation or Region;

    /// <summary>The canonical key for a geocode: <c>(fips6, 36061)</c> → <c>SAME:036061</c>, <c>(ugc, nyz072)</c> → <c>UGC:NYZ072</c>.</summary>
    public static string Of(string name, string value)
    {
        var canonicalName = CanonicalName(name);
        return canonicalName + ":" + NormalizeValue(canonicalName, value.Trim());
    }

    /// <summary>Whether <paramref name="code"/> looks like a UGC zone or county code: two letters, Z or C, three digits.</summary>
    public static bool IsUgcCode(ReadOnlySpan<char> code) =>
        code.Length == 6
        && char.IsAsciiLetter(code[0]) && char.IsAsciiLetter(code[1])
        && (code[2] is 'Z' or 'z' or 'C' or 'c')
        && char.IsAsciiDigit(code[3]) && char.IsAsciiDigit(code[4]) && char.IsAsciiDigit(code[5]);

    private static string NormalizeValue(string canonicalName, string value) => canonicalName switch
    {
        Same when value.Length == 5 && IsDigits(value) => "0" + value,
        State when value.Length == 5 && value.StartsWith("US-", StringComparison.OrdinalIgnoreCase) => value[3..].ToUpperInvariant(),
        Ugc or Same or State or EmmaId or Region => value.ToUpperInvariant(),
        _ => value,
    };

    internal static bool IsDigits(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return value.Length > 0;
    }
}
