using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace WeatherCampaign.Core.Regions;

public static class RegionServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Regions:Groups</c> (each group an array <c>Regions:Groups:US-NE:0=NY</c> … or one comma-separated string
    /// <c>Regions:Groups:US-NE=NY,NJ,PA</c>), validates it at start-up and registers the <see cref="RegionCatalog"/> singleton.
    /// </summary>
    public static IServiceCollection AddRegionCatalog(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<RegionsOptions>()
            .Configure(options => BindGroups(configuration.GetSection(RegionsOptions.Section).GetSection("Groups"), options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RegionsOptions>, RegionsOptionsValidator>());
        services.TryAddSingleton<RegionCatalog>();
        return services;
    }

    // The stock binder turns "NY,NJ,PA" into nothing at all for a list, so both shapes are read by hand.
    private static void BindGroups(IConfigurationSection groups, RegionsOptions options)
    {
        foreach (var group in groups.GetChildren())
        {
            var members = group.Value is { } single
                ? SplitList(single)
                : group.GetChildren()
                    .OrderBy(item => int.TryParse(item.Key, out var index) ? index : int.MaxValue)
                    .ThenBy(item => item.Key, StringComparer.Ordinal)
                    .SelectMany(item => SplitList(item.Value ?? ""));
            options.Groups[group.Key] = members.ToList();
        }
    }

    private static IEnumerable<string> SplitList(string value) =>
        value.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
