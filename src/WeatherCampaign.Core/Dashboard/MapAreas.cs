using System.Collections.Frozen;
using System.Globalization;
using WeatherCampaign.Core.Regions;

namespace WeatherCampaign.Core.Dashboard;

/// <summary>
/// The map's areas for a set of region keys: the US state each key lies in, and the county when the key names one
/// (<c>SAME:012057</c>, the UGC county <c>UGC:FLC057</c>). Zones (<c>UGC:FLZ151</c>) and groups shade only their state.
/// </summary>
internal static class MapAreas
{
    private static readonly FrozenDictionary<string, string> FipsByPostal = Enumerable.Range(1, 99)
        .Select(n => n.ToString("00", CultureInfo.InvariantCulture))
        .Select(fips => (Fips: fips, Postal: UsStates.PostalCodeForFips(fips)))
        .Where(p => p.Postal is not null)
        .ToFrozenDictionary(p => p.Postal!, p => p.Fips, StringComparer.OrdinalIgnoreCase);

    public static (IReadOnlySet<string> States, IReadOnlySet<string> Counties) Of(IEnumerable<string> keys)
    {
        var states = new SortedSet<string>(StringComparer.Ordinal);
        var counties = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var separator = key.IndexOf(':', StringComparison.Ordinal);
            if (separator < 0)
            {
                continue;
            }

            var name = key[..separator];
            var value = key[(separator + 1)..].ToUpperInvariant();
            if (name.Equals(RegionKey.State, StringComparison.OrdinalIgnoreCase) && UsStates.IsPostalCode(value))
            {
                states.Add(value);
            }
            else if (name.Equals(RegionKey.Same, StringComparison.OrdinalIgnoreCase) && value.Length == 6 && value.All(char.IsAsciiDigit)
                && UsStates.PostalCodeForFips(value.AsSpan(1, 2)) is { } sameState)
            {
                states.Add(sameState);
                if (value[3..] != "000")
                {
                    counties.Add(value[1..]);
                }
            }
            else if (name.Equals(RegionKey.Ugc, StringComparison.OrdinalIgnoreCase) && RegionKey.IsUgcCode(value)
                && FipsByPostal.TryGetValue(value[..2], out var fips))
            {
                states.Add(value[..2]);
                if (value[2] == 'C')
                {
                    counties.Add(fips + value[3..]);
                }
            }
        }

        return (states, counties);
    }
}
