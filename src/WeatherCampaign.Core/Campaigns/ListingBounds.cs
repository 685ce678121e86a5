using System.Globalization;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>
/// What a listing's first page may claim before the rest is read: a total and a page count that agree with the page size
/// asked for, under a ceiling. A tenant's (or a proxy's) wrong numbers would otherwise size the read: a "total" of two
/// billion allocates for two billion campaigns, a "pageCount" of a million sends a million requests.
/// </summary>
public static class ListingBounds
{
    /// <summary>More campaigns than any contact centre runs; a listing claiming more is refused, never read.</summary>
    public const int MaxCampaigns = 100_000;

    /// <exception cref="CampaignListingException">The numbers disagree or pass the ceiling.</exception>
    public static void Check(string platform, int total, int pageCount, int pageSize)
    {
        if (total < 0 || pageCount < 0 || pageSize < 1)
        {
            throw Refused(platform, total, pageCount, pageSize, "a negative total or page count");
        }

        if (total > MaxCampaigns)
        {
            throw Refused(platform, total, pageCount, pageSize, string.Create(CultureInfo.InvariantCulture, $"more than {MaxCampaigns} campaigns"));
        }

        var expected = total == 0 ? 0 : (total + pageSize - 1) / pageSize;
        // An empty listing may say 0 or 1 page; any other count must be what the total and the page size make.
        if (pageCount != expected && !(total == 0 && pageCount == 1))
        {
            throw Refused(platform, total, pageCount, pageSize, string.Create(CultureInfo.InvariantCulture, $"{expected} page(s) expected"));
        }
    }

    private static CampaignListingException Refused(string platform, int total, int pageCount, int pageSize, string why) => new(string.Create(CultureInfo.InvariantCulture,
        $"The {platform} listing's first page claims total {total} and pageCount {pageCount} at pageSize {pageSize} ({why}): refused before reading further; nothing is planned on it."));
}
