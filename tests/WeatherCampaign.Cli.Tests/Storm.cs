using CxoneSimulator;

namespace WeatherCampaign.Cli.Tests;

/// <summary>
/// The tests' tenant: a hurricane over two Florida zones, a blizzard over Boston and a Moderate wind advisory over
/// the Gulf coast (which must not count); five running campaigns, one paused by a person in the hurricane's path, one draft.
/// </summary>
internal static class Storm
{
    public const string Tampa = "camp-fl-tampa-0001";
    public const string Florida = "camp-fl-state-0002";
    public const string Miami = "camp-fl-miami-0003";
    public const string Boston = "camp-ma-boston-0004";
    public const string Gulf = "camp-gulf-0005";
    public const string Ohio = "camp-oh-0006";
    public const string Draft = "camp-ne-draft-0007";

    /// <summary>The campaigns a cycle under the storm pauses.</summary>
    public static readonly string[] Paused = [Tampa, Florida, Boston];

    public static IReadOnlyList<CampaignEntity> Campaigns { get; } =
    [
        CliHarness.Campaign(Tampa, "Tampa Bay Collections", CampaignEntity.Running, "UGC:FLZ151"),
        CliHarness.Campaign(Florida, "Florida Statewide Renewals", CampaignEntity.Running, "US-FL"),
        CliHarness.Campaign(Miami, "Miami Appointment Reminders", CampaignEntity.Paused, "UGC:FLZ173"),
        CliHarness.Campaign(Boston, "Boston Renewals", CampaignEntity.Running, "UGC:MAZ015"),
        CliHarness.Campaign(Gulf, "Gulf States Win-back", CampaignEntity.Running, "US-TX,US-LA"),
        CliHarness.Campaign(Ohio, "Ohio Valley Outreach", CampaignEntity.Running, "US-OH"),
        CliHarness.Campaign(Draft, "Northeast Winter Prep", CampaignEntity.Draft, "US-NE"),
    ];

    public static string Feed { get; } = NwsFeed.With(
        NwsAlert.Hurricane("FLZ151", "FLZ173"),
        NwsAlert.Blizzard("MAZ015"),
        NwsAlert.WindAdvisory("TXZ215", "LAZ073"));

    public static Task<CliHarness> StartAsync(Action<Dictionary<string, string?>>? settings = null) => CliHarness.StartAsync(Campaigns, Feed, settings);
}
