using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CxoneSimulator;
using WeatherCampaign.Demo.Platforms;

namespace WeatherCampaign.Demo;

/// <summary>The demo's world: a dozen realistic campaigns across US regions and an NWS feed with a hurricane and a blizzard.</summary>
internal static class DemoTenant
{
    public const string FeedName = "nws";
    public const string GeoJson = "application/geo+json";
    public const string EmptyFeed = """{"type":"FeatureCollection","features":[],"title":"Current watches, warnings, and advisories"}""";

    public const string NortheastOutreach = "camp-4b7e2a90";
    public const string BostonRenewals = "camp-8d13f6c2";
    public const string MaineSurveys = "camp-2f9c0b57";
    public const string NewYorkCollections = "camp-c5a8e314";
    public const string CapeCodReminders = "camp-61d4b8fa";
    public const string FloridaRenewals = "camp-9e2075bd";
    public const string TampaCollections = "camp-3a6fd1e8";
    public const string MiamiReminders = "camp-d07b9c45";
    public const string GulfWinback = "camp-7c31ea06";
    public const string TexasWinterPrep = "camp-e8f52d93";
    public const string PacificOutreach = "camp-15ab7f4c";
    public const string CarolinasSurveys = "camp-a92c6e71";

    /// <summary>The campaign a person paused before the storm (in the hurricane's path): the service must never resume it.</summary>
    public const string PersonPaused = MiamiReminders;

    /// <summary>The campaign the demo's operator keeps paused after the storm.</summary>
    public const string OperatorHeld = TampaCollections;

    /// <summary>The demo's campaigns, in the CXone campaign API's words; each platform seeds them its own way (<see cref="DemoPlatform.Seed"/>).</summary>
    public static IReadOnlyList<DemoCampaign> Campaigns { get; } =
    [
        new(NortheastOutreach, "Northeast Outreach Q3", CampaignEntity.Running, "US-NE", "America/New_York"),
        new(BostonRenewals, "Boston Renewals", CampaignEntity.Running, "UGC:MAZ015", "America/New_York"),
        new(MaineSurveys, "Maine Member Surveys", CampaignEntity.Running, "US-ME", "America/New_York"),
        new(NewYorkCollections, "New York Metro Collections", CampaignEntity.Running, "US-NY", "America/New_York"),
        new(CapeCodReminders, "Cape Cod Appointment Reminders", CampaignEntity.Running, "UGC:MAZ022", "America/New_York", AutomationOff: true),
        new(FloridaRenewals, "Florida Statewide Renewals", CampaignEntity.Running, "US-FL", "America/New_York"),
        new(TampaCollections, "Tampa Bay Collections", CampaignEntity.Running, "UGC:FLZ151,UGC:FLZ251", "America/New_York"),
        new(MiamiReminders, "Miami Appointment Reminders", CampaignEntity.Paused, "UGC:FLZ173", "America/New_York"),
        new(GulfWinback, "Gulf States Win-back", CampaignEntity.Running, "US-TX,US-LA", "America/Chicago"),
        new(TexasWinterPrep, "Texas Winter Prep", CampaignEntity.Draft, "US-TX", "America/Chicago"),
        new(PacificOutreach, "Pacific Northwest Outreach", CampaignEntity.Running, "US-WA,US-OR", "America/Los_Angeles"),
        new(CarolinasSurveys, "Carolinas Q2 Surveys", CampaignEntity.Completed, "US-NC,US-SC", "America/New_York"),
    ];

    /// <summary>The simulator starts with its local OAuth client and nothing else; the platform is seeded after.</summary>
    public static SimulatorSeed EmptySeed() => SimulatorSeed.Default with { Campaigns = [], Feeds = new Dictionary<string, SeedFeed>() };

    /// <summary>The settings the demo runs on, in memory: nothing from the environment or a settings file leaks in.</summary>
    public static Dictionary<string, string?> Settings(string storageConnectionString, string simulatorBaseAddress, DemoPlatform platform) => new(platform.Settings(simulatorBaseAddress))
    {
        ["AzureWebJobsStorage"] = storageConnectionString,
        ["Weather:Feeds:0:Url"] = $"{simulatorBaseAddress}/feeds/{FeedName}",
        ["Weather:Feeds:0:Name"] = FeedName,
        ["Weather:Feeds:0:Format"] = "Nws",
        ["Weather:UserAgent"] = "(WeatherCampaign demo, ops@example.com)",
        ["Regions:Groups:US-NE"] = "NY,NJ,PA,CT,RI,MA,VT,NH,ME",
        ["Policy:MinimumSeverity"] = "Severe",
        ["Policy:ClearFor"] = "00:30:00",
    };

    /// <summary>
    /// The shipped NWS fixture with every time moved so that its newest alert was sent a quarter of an hour before
    /// <paramref name="now"/>: the alerts are in force whenever the demo runs, and keep their real spacing.
    /// </summary>
    public static string StormFeed(DateTimeOffset now)
    {
        var document = JsonNode.Parse(ReadFixture("nws-alerts-active.geojson"))!.AsObject();
        var features = document["features"]!.AsArray();
        var newest = features.Max(f => DateTimeOffset.Parse((string)f!["properties"]!["sent"]!, CultureInfo.InvariantCulture));
        var shift = now - TimeSpan.FromMinutes(15) - newest;
        foreach (var feature in features)
        {
            var properties = feature!["properties"]!.AsObject();
            foreach (var name in new[] { "sent", "effective", "onset", "expires", "ends" })
            {
                Shift(properties, name, shift);
            }
        }
        document["updated"] = Format(now - TimeSpan.FromMinutes(5));
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    /// <summary>One line per alert for the demo's introduction: event, severity, where, until when.</summary>
    public static IEnumerable<string> DescribeFeed(string feed)
    {
        using var document = JsonDocument.Parse(feed);
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var p = feature.GetProperty("properties");
            var until = p.GetProperty("ends").ValueKind == JsonValueKind.String ? p.GetProperty("ends") : p.GetProperty("expires");
            var zones = string.Join(",", p.GetProperty("geocode").GetProperty("UGC").EnumerateArray().Select(z => z.GetString()));
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{p.GetProperty("event").GetString()} ({p.GetProperty("severity").GetString()}) from {p.GetProperty("senderName").GetString()} over {zones}, until {DateTimeOffset.Parse(until.GetString()!, CultureInfo.InvariantCulture).UtcDateTime:yyyy-MM-dd HH:mm}Z");
        }
    }

    private static void Shift(JsonObject properties, string name, TimeSpan shift)
    {
        if (properties[name] is JsonValue value && value.TryGetValue<string>(out var text))
        {
            var time = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
            properties[name] = Format((time + shift).ToOffset(time.Offset));
        }
    }

    private static string Format(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string ReadFixture(string name)
    {
        using var stream = typeof(DemoTenant).Assembly.GetManifestResourceStream("WeatherCampaign.Demo.DemoData." + name)
            ?? throw new InvalidOperationException($"The demo fixture {name} is not embedded in the demo.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
