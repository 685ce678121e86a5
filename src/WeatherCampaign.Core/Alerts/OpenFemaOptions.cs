namespace WeatherCampaign.Core.Alerts;

/// <summary>
/// The <c>Weather:OpenFema</c> section: how <c>openfema</c> feeds are paged and how much of FEMA's history they keep
/// (checked by <see cref="OpenFemaOptionsValidator"/>).
/// </summary>
public sealed class OpenFemaOptions
{
    public const string Section = "Weather:OpenFema";

    /// <summary>Records asked for per page (<c>$top</c>); OpenFEMA answers at most 10 000.</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>
    /// How often the whole set is read again instead of only what changed (<c>lastRefresh</c>): the full read drops
    /// declarations FEMA deleted, which an incremental read cannot see.
    /// </summary>
    public TimeSpan FullReadEvery { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Only declarations declared this recently are read (<c>declarationDate ge …</c>). The set goes back to 1953 and some old
    /// records have no end date; without a horizon they would count for ever.
    /// </summary>
    public TimeSpan DeclaredWithin { get; set; } = TimeSpan.FromDays(365);
}
