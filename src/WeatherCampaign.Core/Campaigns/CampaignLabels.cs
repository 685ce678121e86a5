using System.Text.RegularExpressions;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>
/// Where an operator marks a campaign on a platform without custom attributes: bracketed labels in its name
/// (<c>Florida Renewals [US-FL]</c>, <c>[NY, NJ]</c>, a region group, <c>[weather:off]</c>, <c>[tz:America/Chicago]</c>) and <c>key=value</c> tokens in free
/// text such as a CXone skill's notes (<c>region=US-FL,US-GA</c>, <c>weather_automation=off</c>). README.md, "Regions on each
/// platform", documents each platform's way.
/// </summary>
public static partial class CampaignLabels
{
    /// <summary>The label that opts a campaign out of weather automation, written in its name.</summary>
    public const string OptOutLabel = "weather:off";

    /// <summary>The token (and custom attribute) whose value <c>off</c> opts a campaign out.</summary>
    public const string AutomationKey = "weather_automation";

    /// <summary>A name label naming the campaign's time zone: <c>[tz:America/Chicago]</c>.</summary>
    public const string TimeZonePrefix = "tz:";

    /// <summary>The token that names a campaign's regions in free text.</summary>
    public const string RegionKey = "region";

    /// <summary>The region codes and the opt-out written in brackets in <paramref name="name"/>.</summary>
    public static NameLabels InName(string? name)
    {
        var regions = new List<string>();
        var optedOut = false;
        string? timeZone = null;
        foreach (Match label in Bracketed().Matches(name ?? ""))
        {
            var text = label.Groups["text"].Value.Trim();
            if (string.Equals(text, OptOutLabel, StringComparison.OrdinalIgnoreCase))
            {
                optedOut = true;
                continue;
            }

            if (text.StartsWith(TimeZonePrefix, StringComparison.OrdinalIgnoreCase))
            {
                timeZone ??= text[TimeZonePrefix.Length..].Trim();
                continue;
            }

            regions.AddRange(SplitCodes(text));
        }

        return new NameLabels(regions, optedOut) { TimeZone = timeZone };
    }

    /// <summary>The <c>key=value</c> tokens in <paramref name="text"/>, keys without case; the first of a key wins.</summary>
    public static IReadOnlyDictionary<string, string> TokensIn(string? text)
    {
        var tokens = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match token in KeyValue().Matches(text ?? ""))
        {
            tokens.TryAdd(token.Groups["key"].Value, token.Groups["value"].Value);
        }

        return tokens;
    }

    /// <summary>Codes in a list such as <c>NY, NJ</c> or <c>US-FL;US-GA</c>: split, trimmed, empties dropped.</summary>
    public static IReadOnlyList<string> SplitCodes(string? codes) =>
        (codes ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [GeneratedRegex(@"\[(?<text>[^\[\]]*)\]", RegexOptions.CultureInvariant)]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"(?<![\w-])(?<key>[A-Za-z_][A-Za-z0-9_]*)=(?<value>[^\s;]+)", RegexOptions.CultureInvariant)]
    private static partial Regex KeyValue();
}

/// <summary>What an operator wrote in a campaign's name: the region codes in its brackets, and whether it opted out.</summary>
public sealed record NameLabels(IReadOnlyList<string> Regions, bool OptedOut)
{
    /// <summary>The time zone of a <c>[tz:…]</c> label, unchecked; null when the name has none.</summary>
    public string? TimeZone { get; init; }
}
