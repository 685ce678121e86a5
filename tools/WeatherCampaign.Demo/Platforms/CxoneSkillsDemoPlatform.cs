using System.Globalization;
using CxoneSimulator;
using CxoneSimulator.CxoneAdmin;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Platforms;

namespace WeatherCampaign.Demo.Platforms;

/// <summary>
/// NICE CXone Personal Connection skills (<c>/cxone-auth</c>, <c>/cxone-api</c> in the simulator): regions and the opt-out
/// as tokens in the skill's notes (<c>region=US-TX,US-LA</c>, <c>weather_automation=off</c>), running or stopped. A skill has
/// no draft or completed: those two campaigns are inactive skills, which the service never lists.
/// </summary>
internal sealed class CxoneSkillsDemoPlatform : DemoPlatform
{
    private const int FirstSkillId = 24101;

    public override string Kind => PlatformOptions.CxoneSkills;

    public override string Tenant => "simulated CXone Personal Connection skills";

    public override string Place => " (CXone skills under /cxone-auth and /cxone-api)";

    public override void Seed(SimulatorState state, IReadOnlyList<DemoCampaign> campaigns) =>
        state.CxoneAdmin.Seed(campaigns.Select(c => AdminSkill.Dialer(
            SkillIdOf(c.Key), c.Name, running: c.Status == CampaignEntity.Running, notes: NotesOf(c),
            active: c.Status is CampaignEntity.Running or CampaignEntity.Paused)));

    public override IEnumerable<KeyValuePair<string, string?>> Settings(string simulatorBaseAddress) =>
    [
        new("Platform:Kind", Kind),
        new("CxoneAdmin:AuthUrl", simulatorBaseAddress + "/cxone-auth"),
        new("CxoneAdmin:ClientId", CxoneAdminState.ClientId),
        new("CxoneAdmin:ClientSecret", CxoneAdminState.ClientSecret),
        new("CxoneAdmin:AccessKeyId", CxoneAdminState.AccessKeyId),
        new("CxoneAdmin:AccessKeySecret", CxoneAdminState.AccessKeySecret),
        // Discovery names the simulator's own loopback http host as the tenant's API.
        new("CxoneAdmin:AllowLoopbackEndpoints", "true"),
    ];

    public override IReadOnlyList<DemoCampaignRow> Read(SimulatorState state) =>
        [.. state.CxoneAdmin.Skills.Select(skill =>
        {
            var tokens = CampaignLabels.TokensIn(skill.Notes);
            var status = !skill.IsActive ? "inactive" : skill.IsRunning ? "running" : "stopped";
            var standing = !skill.IsActive ? DemoState.Other : skill.IsRunning ? DemoState.Running : DemoState.Paused;
            var note = tokens.TryGetValue(CampaignLabels.AutomationKey, out var automation) && automation == "off" ? "weather_automation=off in its notes"
                : !skill.IsActive ? "inactive: never listed"
                : "";
            return new DemoCampaignRow(skill.SkillId.ToString(CultureInfo.InvariantCulture), skill.SkillName,
                tokens.GetValueOrDefault(CampaignLabels.RegionKey, ""), status, standing, note);
        })];

    public override string IdOf(string key) => SkillIdOf(key).ToString(CultureInfo.InvariantCulture);

    /// <summary>Skill ids in the order of <see cref="DemoTenant.Campaigns"/>, so they are the same on every run.</summary>
    private static int SkillIdOf(string key)
    {
        var index = DemoTenant.Campaigns.Select(c => c.Key).ToList().IndexOf(key);
        return index >= 0 ? FirstSkillId + index : throw new ArgumentException($"No demo campaign has the key {key}.", nameof(key));
    }

    private static string NotesOf(DemoCampaign campaign) =>
        $"region={campaign.Region}{(campaign.AutomationOff ? " " + CampaignLabels.AutomationKey + "=off" : "")}";
}
