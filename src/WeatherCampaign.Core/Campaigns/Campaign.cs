namespace WeatherCampaign.Core.Campaigns;

/// <summary>The statuses the campaign API sends (<c>tools/CxoneSimulator/CampaignEntity.cs</c>); anything else is <see cref="Unknown"/> and left alone.</summary>
public enum CampaignStatus { Unknown = 0, Running, Paused, Draft, Completed }

/// <summary>A dialing campaign as the platform lists it.</summary>
/// <param name="RawStatus">The status string as the platform sent it (kept for the audit trail when it is unknown).</param>
/// <param name="Regions">The codes in <c>custom_attributes.region</c>, split and trimmed, as written.</param>
/// <param name="Attributes">All custom attributes, for operator controls such as <c>weather_automation</c>.</param>
public sealed record Campaign(
    string Id,
    string Name,
    CampaignStatus Status,
    string RawStatus,
    IReadOnlyList<string> Regions,
    IReadOnlyDictionary<string, string> Attributes);

/// <summary>Every campaign of the tenant, read completely (all pages) at one time.</summary>
public sealed record CampaignListing(IReadOnlyList<Campaign> Campaigns, int PagesRead, DateTimeOffset ReadAt);
