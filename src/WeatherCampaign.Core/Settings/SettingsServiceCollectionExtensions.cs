using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace WeatherCampaign.Core.Settings;

public static class SettingsServiceCollectionExtensions
{
    /// <summary>
    /// Registers one settings section the way every section is registered: bound from <paramref name="configuration"/>,
    /// checked by <typeparamref name="TValidator"/> and checked at start-up. A value the binder cannot convert
    /// (<c>Policy:MinimumSeverity=Huge</c>, <c>Cxone:PageSize=lots</c>) is a validation failure naming the setting, the value and
    /// the values allowed, where the stock binder throws an <see cref="InvalidOperationException"/> with a stack trace.
    /// </summary>
    public static OptionsBuilder<TOptions> AddSettings<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string sectionName)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(sectionName);
        var builder = services.AddOptions<TOptions>();
        builder.Configure(options => SettingValues.Bind(section, options));
        // IOptionsMonitor sees an operator's change, as with the stock Bind.
        services.AddSingleton<IOptionsChangeTokenSource<TOptions>>(new ConfigurationChangeTokenSource<TOptions>(builder.Name, section));
        // Registered before the section's own validator, so a value that could not be read is the first line about its section.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(new ConvertibleSettingsValidator<TOptions>(section)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return builder.ValidateOnStart();
    }
}
