using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using WeatherCampaign.Core.Campaigns;

namespace WeatherCampaign.Core.Platforms.CxoneSkills;

/// <summary>A CXone skill id is a positive whole number; anything else listed is refused before any request is made for it.</summary>
public sealed class CxoneSkillId : ICampaignIdForm
{
    public static CxoneSkillId Form { get; } = new();

    public bool Fits(string id, [NotNullWhen(false)] out string? reason)
    {
        reason = TryParse(id, out _) ? null : "a CXone skill id is a positive whole number";
        return reason is null;
    }

    public static bool TryParse(string? id, out int skillId) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out skillId) && skillId > 0 && id!.Length == skillId.ToString(CultureInfo.InvariantCulture).Length;
}
