namespace WeatherCampaign.Core.Regions;

/// <summary>The US states canonical region keys lie in: <c>STATE:OR</c>, <c>UGC:ORZ004</c> and <c>SAME:041051</c> are all in Oregon.</summary>
public static class RegionStates
{
    /// <summary>The postal codes of the states of <paramref name="keys"/>, in order of first appearance; keys in no state add none.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var states = new List<string>();
        foreach (var key in keys)
        {
            if (StateOf(key) is { } state && !states.Contains(state, StringComparer.Ordinal))
            {
                states.Add(state);
            }
        }

        return states;
    }

    private static string? StateOf(string key)
    {
        var colon = key.LastIndexOf(':');
        if (colon <= 0)
        {
            return null;
        }

        var name = key.AsSpan(0, colon);
        var value = key.AsSpan(colon + 1);
        if (name.Equals(RegionKey.State, StringComparison.OrdinalIgnoreCase) && UsStates.IsPostalCode(value))
        {
            return value.ToString().ToUpperInvariant();
        }

        if (name.Equals(RegionKey.Ugc, StringComparison.OrdinalIgnoreCase) && RegionKey.IsUgcCode(value)
            && !UsStates.IsMarineUgcArea(value[..2]) && UsStates.IsPostalCode(value[..2]))
        {
            return value[..2].ToString().ToUpperInvariant();
        }

        return name.Equals(RegionKey.Same, StringComparison.OrdinalIgnoreCase) && value.Length == 6 && RegionKey.IsDigits(value)
            ? UsStates.PostalCodeForFips(value.Slice(1, 2))
            : null;
    }
}
