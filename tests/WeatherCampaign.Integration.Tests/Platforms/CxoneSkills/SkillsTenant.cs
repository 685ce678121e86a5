using CxoneSimulator.CxoneAdmin;
using Microsoft.Extensions.DependencyInjection;

namespace WeatherCampaign.Integration.Tests.Platforms.CxoneSkills;

/// <summary>The service wired with <c>Platform:Kind=cxone-skills</c>, pointed at the simulator's CXone auth host on loopback.</summary>
internal static class SkillsTenant
{
    public static async Task<ServiceHarness> StartAsync(
        IEnumerable<AdminSkill> skills,
        Action<Dictionary<string, string?>>? settings = null,
        TimeProvider? time = null,
        Action<IServiceCollection>? services = null)
    {
        var harness = await ServiceHarness.StartAsync([], values =>
        {
            values["Platform:Kind"] = "cxone-skills";
            values["CxoneAdmin:AuthUrl"] = values["Cxone:BaseUrl"] + "/cxone-auth";
            values["CxoneAdmin:ClientId"] = CxoneAdminState.ClientId;
            values["CxoneAdmin:ClientSecret"] = CxoneAdminState.ClientSecret;
            values["CxoneAdmin:AccessKeyId"] = CxoneAdminState.AccessKeyId;
            values["CxoneAdmin:AccessKeySecret"] = CxoneAdminState.AccessKeySecret;
            values["CxoneAdmin:AllowLoopbackEndpoints"] = "true";
            values["CxoneAdmin:RequestsPerSecond"] = "200";
            values["CxoneAdmin:Burst"] = "20";
            values["CxoneAdmin:MaxRetries"] = "2";
            settings?.Invoke(values);
        }, time, services);
        harness.Simulator.State.CxoneAdmin.Seed(skills);
        return harness;
    }

    /// <summary>What a test finds in no log line: the secrets and the access key.</summary>
    public static readonly string[] Secrets = [CxoneAdminState.ClientSecret, CxoneAdminState.AccessKeyId, CxoneAdminState.AccessKeySecret];
}
