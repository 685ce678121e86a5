using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WeatherCampaign.Core.Alerts;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Dashboard;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Notifications;
using WeatherCampaign.Core.Operations;
using WeatherCampaign.Core.Planning;
using WeatherCampaign.Core.Platforms;
using WeatherCampaign.Core.Regions;
using WeatherCampaign.Core.Settings;
using WeatherCampaign.Core.Storage;
using WeatherCampaign.Core.Telemetry;

namespace WeatherCampaign.Core;

public static class WeatherCampaignServiceCollectionExtensions
{
    /// <summary>
    /// Everything the service needs, from the same settings for the Functions app, the CLI and the tests:
    /// the campaign platform, the weather feeds, the region catalog, the policy, storage, the planner, the three handlers and
    /// the operator's manual holds, the notifications and the metrics.
    /// Invalid settings fail at start-up with a message naming the setting.
    /// </summary>
    public static IServiceCollection AddWeatherCampaign(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddWeatherCampaignMetrics(CampaignHttpPipeline.CurrentPace);
        services.AddCampaignPlatform(configuration);
        services.AddAlertFeeds(configuration);
        services.AddRegionCatalog(configuration);
        services.AddWeatherCampaignStorage(configuration);
        services.AddSettings<PolicyOptions, PolicyOptionsValidator>(configuration, PolicyOptions.Section);
        services.AddSettings<QueueDeliveryOptions, QueueDeliveryOptionsValidator>(configuration, QueueDeliveryOptions.Section);
        services.AddPollSchedules(configuration);
        services.AddNotifications(configuration);
        services.TryAddSingleton<InterventionPlanner>();
        services.TryAddSingleton<PollWeatherHandler>();
        services.TryAddSingleton<ApplyInterventionHandler>();
        services.TryAddSingleton<RecordPoisonedInterventionHandler>();
        services.TryAddSingleton<OperatorHolds>();
        services.TryAddSingleton<ServiceSwitch>();
        services.TryAddSingleton<StatusPage>();
        services.TryAddSingleton<DashboardEndpoint>();
        return services;
    }

    /// <summary>The two schedules are top-level settings (the timer binding reads <c>%FeedPollSchedule%</c>), not a section.</summary>
    private static void AddPollSchedules(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PollScheduleOptions>().Configure(o =>
        {
            o.FeedPollSchedule = configuration[PollScheduleOptions.FeedPollScheduleSetting] ?? o.FeedPollSchedule;
            o.PollSchedule = configuration[PollScheduleOptions.PollScheduleSetting] ?? o.PollSchedule;
        }).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<PollScheduleOptions>, PollScheduleOptionsValidator>());
    }
}
