using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace WeatherCampaign.Core.Settings;

public static class SettingsServiceCollectionExtensions
{
    /// <summary>
    /// Registers one settings section the way every section is registered: bound from <paramref name="configuration"/>,
    /// checked by <typeparamref name="TValidator"/> and checked at start-up.
    /// </summary>
    public static OptionsBuilder<TOptions> AddSettings<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string sectionName)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var builder = services.AddOptions<TOptions>().Bind(configuration.GetSection(sectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return builder.ValidateOnStart();
    }
}
