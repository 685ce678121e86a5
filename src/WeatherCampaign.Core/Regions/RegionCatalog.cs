using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Alerts;

namespace WeatherCampaign.Core.Regions;

/// <summary>
/// Turns alert geocodes and campaign region codes into canonical region keys, so that "is this campaign affected"
/// is a set intersection (<c>alertKeys.Overlaps(campaignKeys)</c>).
/// </summary>
/// <remarks>
/// <para>Alert side: every geocode becomes its key (see <see cref="RegionKey"/>) and derives wider keys: a UGC zone or
/// county (<c>NYZ072</c>, <c>NYC061</c>) derives <c>STATE:NY</c> unless its prefix is a marine area (<c>ANZ</c>, <c>PZZ</c>…);
/// a SAME/FIPS6 code derives the state of its FIPS number, and a partial-county code (<c>136061</c>) derives the whole
/// county (<c>SAME:036061</c>). A geocode named <c>REGION</c> (the customer's simple feed) or with a name the catalog
/// does not know is also resolved like a campaign code.</para>
/// <para>Campaign side, each code trimmed, first rule that applies: a configured group (case-insensitive, expanded
/// recursively); a key as written (<c>UGC:NYZ072</c>, <c>fips6:36061</c>); <c>US-NY</c> or <c>NY</c> → <c>STATE:NY</c>;
/// a UGC-looking code <c>NYZ072</c> → <c>UGC:NYZ072</c>; anything else → the opaque <c>REGION:&lt;CODE&gt;</c>.
/// Campaign codes never derive wider keys: a zone campaign is not hit by every alert in its state.</para>
/// <para>There is no built-in group: <c>US-NE</c> is Nebraska unless configured (the sample settings define
/// <c>Regions:Groups:US-NE</c> = NY, NJ, PA, CT, RI, MA, VT, NH, ME). Groups are expanded once, at construction.</para>
/// </remarks>
public sealed class RegionCatalog
{
    private readonly FrozenDictionary<string, FrozenSet<string>> _groups;

    /// <summary>Builds the catalog from the <c>Regions</c> options; invalid groups throw <see cref="OptionsValidationException"/>.</summary>
    public RegionCatalog(IOptions<RegionsOptions> options)
        : this(ToReadOnly(options.Value.Groups))
    {
    }

    private RegionCatalog(IReadOnlyDictionary<string, IReadOnlyList<string>> groups)
    {
        var (expanded, errors) = Expand(groups);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(RegionsOptions), errors);
        }

        _groups = expanded;
    }

    /// <summary>Builds a catalog from group definitions (name → members), as tests and tools do.</summary>
    public static RegionCatalog Create(IReadOnlyDictionary<string, IReadOnlyList<string>> groups) => new(groups);

    /// <summary>The configured group names.</summary>
    public IReadOnlyCollection<string> GroupNames => _groups.Keys;

    /// <summary>Why these group definitions cannot be used; empty when they can. Each message names its setting.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyDictionary<string, IReadOnlyList<string>> groups) => Expand(groups).Errors;

    /// <summary>The keys an alert covers: its geocodes' keys and the keys they derive.</summary>
    public IReadOnlySet<string> KeysForAlert(WeatherAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var keys = new HashSet<string>(RegionKey.Comparer);
        var resolved = new HashSet<string>(RegionKey.Comparer);
        foreach (var geocode in alert.Geocodes)
        {
            if (string.IsNullOrWhiteSpace(geocode.Name) || string.IsNullOrWhiteSpace(geocode.Value))
            {
                continue;
            }

            var name = RegionKey.CanonicalName(geocode.Name);
            if (name != RegionKey.Region)
            {
                AddWithDerived(keys, RegionKey.Of(name, geocode.Value));
            }

            if (name == RegionKey.Region || !RegionKey.IsKnownName(name))
            {
                resolved.Clear();
                AddCampaignCode(geocode.Value, resolved);
                foreach (var key in resolved)
                {
                    AddWithDerived(keys, key);
                }
            }
        }

        return keys;
    }

    /// <summary>The keys a campaign's region codes stand for; no wider keys are derived.</summary>
    public IReadOnlySet<string> KeysForCampaign(IEnumerable<string> regionCodes)
    {
        ArgumentNullException.ThrowIfNull(regionCodes);
        var keys = new HashSet<string>(RegionKey.Comparer);
        foreach (var code in regionCodes)
        {
            if (code is not null)
            {
                AddCampaignCode(code, keys);
            }
        }

        return keys;
    }

    private void AddCampaignCode(string rawCode, HashSet<string> into)
    {
        var code = rawCode.Trim();
        if (code.Length == 0)
        {
            return;
        }

        if (_groups.TryGetValue(code, out var members))
        {
            into.UnionWith(members);
            return;
        }

        into.Add(ResolveSingle(code) ?? RegionKey.Region + ":" + code.ToUpperInvariant());
    }

    /// <summary>A key for a code that is not a group, or null when it is nothing recognisable.</summary>
    private static string? ResolveSingle(string code)
    {
        var colon = code.LastIndexOf(':');
        if (colon > 0 && colon < code.Length - 1)
        {
            return RegionKey.Of(code[..colon], code[(colon + 1)..]);
        }

        if (code.Length == 5 && code.StartsWith("US-", StringComparison.OrdinalIgnoreCase) && UsStates.IsPostalCode(code.AsSpan(3)))
        {
            return RegionKey.State + ":" + code[3..].ToUpperInvariant();
        }

        if (UsStates.IsPostalCode(code))
        {
            return RegionKey.State + ":" + code.ToUpperInvariant();
        }

        if (RegionKey.IsUgcCode(code))
        {
            return RegionKey.Ugc + ":" + code.ToUpperInvariant();
        }

        return null;
    }

    private static void AddWithDerived(HashSet<string> keys, string key)
    {
        keys.Add(key);
        var colon = key.LastIndexOf(':');
        var name = key.AsSpan(0, colon);
        var value = key.AsSpan(colon + 1);

        if (name.SequenceEqual(RegionKey.Ugc) && RegionKey.IsUgcCode(value) && !UsStates.IsMarineUgcArea(value[..2])
            && UsStates.IsPostalCode(value[..2]))
        {
            keys.Add(RegionKey.State + ":" + value[..2].ToString().ToUpperInvariant());
        }
        else if (name.SequenceEqual(RegionKey.Same) && value.Length == 6 && RegionKey.IsDigits(value))
        {
            if (UsStates.PostalCodeForFips(value.Slice(1, 2)) is { } state)
            {
                keys.Add(RegionKey.State + ":" + state);
            }

            if (value[0] != '0')
            {
                keys.Add(RegionKey.Same + ":0" + value[1..].ToString());
            }
        }
    }

    private static (FrozenDictionary<string, FrozenSet<string>> Groups, IReadOnlyList<string> Errors) Expand(
        IReadOnlyDictionary<string, IReadOnlyList<string>> definitions)
    {
        var byName = new Dictionary<string, (string Name, IReadOnlyList<string> Members)>(GroupNameComparer.Instance);
        var errors = new List<string>();
        foreach (var (rawName, members) in definitions)
        {
            var name = rawName.Trim();
            if (!byName.TryAdd(name, (name, members ?? [])))
            {
                errors.Add($"{Setting(name)}: the group is defined twice (names are case-insensitive).");
            }
        }

        var expanded = new Dictionary<string, FrozenSet<string>>(GroupNameComparer.Instance);
        var inProgress = new List<string>();

        FrozenSet<string>? ExpandGroup(string name)
        {
            if (expanded.TryGetValue(name, out var done))
            {
                return done;
            }

            var cycleStart = inProgress.FindIndex(n => GroupNameComparer.Instance.Equals(n, name));
            if (cycleStart >= 0)
            {
                var path = string.Join(" → ", inProgress.Skip(cycleStart).Append(name));
                errors.Add($"{Setting(inProgress[cycleStart])}: groups refer to each other in a cycle ({path}).");
                return null;
            }

            var (groupName, members) = byName[name];
            inProgress.Add(groupName);
            var keys = new HashSet<string>(RegionKey.Comparer);
            var valid = true;
            foreach (var rawMember in members)
            {
                var member = rawMember?.Trim() ?? "";
                if (member.Length == 0)
                {
                    continue;
                }

                if (byName.ContainsKey(member))
                {
                    var inner = ExpandGroup(member);
                    if (inner is null)
                    {
                        valid = false;
                    }
                    else
                    {
                        keys.UnionWith(inner);
                    }
                }
                else if (ResolveSingle(member) is { } key)
                {
                    keys.Add(key);
                }
                else
                {
                    errors.Add($"{Setting(groupName)}: '{member}' is neither a configured group, a region key (UGC:NYZ072, REGION:XYZ), a state code (NY, US-NY) nor a UGC code (NYZ072).");
                    valid = false;
                }
            }

            inProgress.RemoveAt(inProgress.Count - 1);
            if (valid && keys.Count == 0)
            {
                errors.Add($"{Setting(groupName)}: the group names no regions.");
                valid = false;
            }

            var result = valid ? keys.ToFrozenSet(RegionKey.Comparer) : null;
            if (result is not null)
            {
                expanded[name] = result;
            }

            return result;
        }

        foreach (var name in byName.Keys)
        {
            ExpandGroup(name);
        }

        return (expanded.ToFrozenDictionary(GroupNameComparer.Instance), errors.Distinct().ToList());
    }

    private static string Setting(string groupName) => $"{RegionsOptions.Section}:Groups:{groupName}";

    private static Dictionary<string, IReadOnlyList<string>> ToReadOnly(Dictionary<string, List<string>> groups) =>
        groups.ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Value, StringComparer.OrdinalIgnoreCase);
}
