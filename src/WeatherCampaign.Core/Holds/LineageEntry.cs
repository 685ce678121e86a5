namespace WeatherCampaign.Core.Holds;

/// <summary>
/// One alert of a hold's lineage, as a cycle saw it: its id, the earlier alert it re-issues (null for an alert that is news
/// to the hold), the source that published it, and its event and severity. The hold keeps these so that a re-issue of a
/// re-issue is still known after the first issue has left the feed, and so a later re-issue can be compared with what a
/// person weighed.
/// </summary>
public sealed record LineageEntry(string AlertId, string? ReissueOf, string? Source, string? Event, string? Severity);
