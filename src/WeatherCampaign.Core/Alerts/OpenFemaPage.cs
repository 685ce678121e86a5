namespace WeatherCampaign.Core.Alerts;

/// <summary>
/// One record of FEMA's <c>DisasterDeclarationsSummaries</c> (v2): one designated area (a county, or a whole state) of one
/// declaration. <see cref="Area"/> is its FIPS code as a SAME geocode, <c>0SSCCC</c>; county <c>000</c> means the whole state.
/// </summary>
/// <param name="Key">FEMA's record <c>id</c>, which an incremental read uses to replace a record it already holds.</param>
public sealed record DisasterDeclaration(
    string Key,
    string DeclarationString,
    string DeclarationType,
    string? IncidentType,
    string? Title,
    AlertGeocode Area,
    string? DesignatedArea,
    DateTimeOffset? IncidentBegin,
    DateTimeOffset? IncidentEnd,
    DateTimeOffset? DeclarationDate,
    DateTimeOffset? LastRefresh);

/// <summary>A record of a page that cannot become a declaration, and why; keyed like a declaration so a later read can replace it.</summary>
public sealed record SkippedDeclaration(string Key, string Reason);

/// <summary>
/// One page of an OpenFEMA answer: <c>{"metadata":{"skip","top","count",…},"DisasterDeclarationsSummaries":[…]}</c>.
/// </summary>
/// <param name="Count">
/// <c>metadata.count</c>: the records matching the query, which OpenFEMA gives only when <c>$count=true</c> (or
/// <c>$inlinecount=allpages</c>) was asked; null without it.
/// </param>
public sealed record OpenFemaPage(long? Count, IReadOnlyList<DisasterDeclaration> Declarations, IReadOnlyList<SkippedDeclaration> Skipped)
{
    /// <summary>Every record the page held, read or skipped.</summary>
    public int Records => Declarations.Count + Skipped.Count;
}
