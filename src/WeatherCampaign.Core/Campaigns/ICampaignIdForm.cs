using System.Diagnostics.CodeAnalysis;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>
/// A platform's own form of campaign id (Genesys Cloud: a GUID), named by the listing that platform produced
/// (<see cref="CampaignListing.IdForm"/>): the planner refuses a listed campaign whose id is not of that form, so no
/// request is ever made for it.
/// </summary>
public interface ICampaignIdForm
{
    /// <summary>True when <paramref name="id"/> has the platform's form; otherwise <paramref name="reason"/> says why (without echoing the id).</summary>
    bool Fits(string id, [NotNullWhen(false)] out string? reason);
}
