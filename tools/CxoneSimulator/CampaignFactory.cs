namespace CxoneSimulator;

/// <summary>Builds realistic running campaigns for generated seeds and for listings that grow mid-read.</summary>
internal static class CampaignFactory
{
    private static readonly string[] Purposes = ["Outreach", "Renewals", "Collections", "Surveys", "Appointment Reminders", "Win-back"];

    private static readonly Dictionary<string, (string Area, string TimeZone)> KnownRegions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["US-NE"] = ("Northeast", "America/New_York"),
        ["US-NY"] = ("New York", "America/New_York"),
        ["NY"] = ("New York", "America/New_York"),
        ["US-FL"] = ("Florida", "America/New_York"),
        ["US-GA"] = ("Georgia", "America/New_York"),
        ["US-TX"] = ("Texas", "America/Chicago"),
        ["US-CA"] = ("California", "America/Los_Angeles"),
        ["US-OR"] = ("Oregon", "America/Los_Angeles"),
        ["US-AZ"] = ("Arizona", "America/Phoenix"),
        ["US-MW"] = ("Midwest", "America/Chicago"),
        ["US-SE"] = ("Southeast", "America/New_York"),
    };

    public static IReadOnlyList<CampaignEntity> Make(int count, IReadOnlyList<string> regions, Random random, int firstNumber = 1)
    {
        var campaigns = new List<CampaignEntity>(count);
        for (var i = 0; i < count; i++)
        {
            var region = regions[i % regions.Count];
            var (area, timeZone) = KnownRegions.GetValueOrDefault(region, (region, "America/New_York"));
            var purpose = Purposes[random.Next(Purposes.Length)];
            var guidBytes = new byte[16];
            random.NextBytes(guidBytes);
            campaigns.Add(CampaignEntity.Create(
                $"camp-{new Guid(guidBytes)}",
                $"{area} {purpose} {firstNumber + i:D4}",
                CampaignEntity.Running,
                region,
                timeZone));
        }

        return campaigns;
    }
}
