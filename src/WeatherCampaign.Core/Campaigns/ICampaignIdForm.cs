namespace WeatherCampaign.Core.Campaigns;

/// <summary>
/// The form a platform gives its campaign ids, on top of <see cref="CampaignId.IsSafe"/> (a CXone skill's is a whole number).
/// Each platform may register one; the planner refuses a listed id that is not of that form, as it refuses an unsafe one:
/// a <c>rejected</c> row, and no request for it.
/// </summary>
public interface ICampaignIdForm
{
    /// <summary>Null when <paramref name="id"/> has the platform's form; otherwise why not, without echoing the id.</summary>
    string? WhyNot(string id);
}
