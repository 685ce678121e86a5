namespace WeatherCampaign.Core.Campaigns;

/// <summary>
/// A campaign's status, whatever the platform calls it: each adapter maps its own words (the CXone campaign API's are in
/// <c>tools/CxoneSimulator/CampaignEntity.cs</c>) and the audit keeps them. Anything an adapter cannot place is
/// <see cref="Unknown"/> and left alone.
/// </summary>
public enum CampaignStatus
{
    Unknown = 0,
    Running,
    Paused,
    Draft,
    Completed,

    /// <summary>On its way from one status to another (Genesys Cloud's <c>stopping</c>): neither paused again nor resumed until it settles.</summary>
    Transitioning,
}

/// <summary>A dialing campaign as the platform lists it.</summary>
/// <param name="RawStatus">The status word as the platform sent it (kept for the audit trail).</param>
/// <param name="Regions">The campaign's region codes, split and trimmed, as written (<c>custom_attributes.region</c>, or <see cref="CampaignLabels"/>).</param>
/// <param name="Attributes">Operator controls such as <c>weather_automation</c>: the campaign's custom attributes, or the labels and tokens standing for them.</param>
public sealed record Campaign(
    string Id,
    string Name,
    CampaignStatus Status,
    string RawStatus,
    IReadOnlyList<string> Regions,
    IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>
    /// An operator opted the campaign out (<c>weather_automation=off</c>, or the label standing for it): the service never
    /// changes it. The planner asks this when it plans, the apply handler again just before the change.
    /// </summary>
    public bool OptedOut => Attributes.TryGetValue(CampaignLabels.AutomationKey, out var automation)
        && string.Equals(automation.Trim(), "off", StringComparison.OrdinalIgnoreCase);

    /// <summary>The attribute (or label, or token) naming the campaign's own time zone, an IANA id such as <c>America/Chicago</c>.</summary>
    public const string TimeZoneAttribute = "timezone";

    /// <summary>The campaign's own time zone as the platform gives it (unchecked); null when it names none.</summary>
    public string? TimeZone => Attributes.TryGetValue(TimeZoneAttribute, out var zone) && !string.IsNullOrWhiteSpace(zone) ? zone.Trim() : null;
}

/// <summary>Every campaign of the tenant, read completely (all pages) at one time.</summary>
public sealed record CampaignListing(IReadOnlyList<Campaign> Campaigns, int PagesRead, DateTimeOffset ReadAt)
{
    /// <summary>The listing platform's own id form, when it has one stricter than <see cref="CampaignId.IsSafe"/>; null for none.</summary>
    public ICampaignIdForm? IdForm { get; init; }
}
