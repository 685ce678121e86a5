using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Settings;

namespace WeatherCampaign.Core.Platforms.CxoneSkills;

public static class CxoneSkillsServiceCollectionExtensions
{
    /// <summary>
    /// NICE CXone's Personal Connection skills (<c>Platform:Kind</c> <c>cxone-skills</c>): the <c>CxoneAdmin</c> settings,
    /// credentials (Key Vault when <c>KeyVault:Uri</c> is set), the session (token and discovery), the skill id form and the
    /// platform's HTTP pipeline (<see cref="CampaignHttpPipeline"/>).
    /// </summary>
    public static IServiceCollection AddCxoneSkills(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSettings<CxoneAdminOptions, CxoneAdminOptionsValidator>(configuration, CxoneAdminOptions.Section);
        services.AddSettings<KeyVaultOptions, KeyVaultOptionsValidator>(configuration, KeyVaultOptions.Section);

        services.AddCredentialSource<ICxoneAdminCredentialSource, CxoneAdminSettingsCredentialSource>(configuration, (client, sp) => new CxoneAdminKeyVaultCredentialSource(client, sp.GetRequiredService<IOptions<CxoneAdminOptions>>()));
        services.TryAddSingleton<CxoneAdminSession>();
        services.TryAddSingleton<ICampaignTokenSource>(sp => sp.GetRequiredService<CxoneAdminSession>());
        services.TryAddSingleton(sp => CampaignHttpPipeline.PacerFor(sp, PolicyOf(sp.GetRequiredService<IOptions<CxoneAdminOptions>>().Value)));
        services.TryAddSingleton<ICampaignPlatform, CxoneSkillsPlatform>();

        services.AddHttpClient(CxoneSkillsPlatform.ClientName, client =>
                client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json")))
            .AddCampaignPipeline(sp => PolicyOf(sp.GetRequiredService<IOptions<CxoneAdminOptions>>().Value));
        return services;
    }

    private static CampaignHttpPolicy PolicyOf(CxoneAdminOptions options) =>
        new(options.RequestsPerSecond, options.Burst, options.AttemptTimeout, options.TotalTimeout, options.MaxRetries, options.AdaptivePacing, options.MinimumRequestsPerSecond);
}
