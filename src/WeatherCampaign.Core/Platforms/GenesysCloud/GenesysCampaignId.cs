using System.Diagnostics.CodeAnalysis;
using WeatherCampaign.Core.Campaigns;

namespace WeatherCampaign.Core.Platforms.GenesysCloud;

/// <summary>A Genesys Cloud campaign id is a GUID (<c>xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx</c>); anything else is never requested.</summary>
public sealed class GenesysCampaignId : ICampaignIdForm
{
    public static GenesysCampaignId Form { get; } = new();

    public bool Fits(string id, [NotNullWhen(false)] out string? reason)
    {
        reason = Guid.TryParseExact(id, "D", out _) ? null : "the id is not a GUID, the form of every Genesys Cloud campaign id";
        return reason is null;
    }
}
