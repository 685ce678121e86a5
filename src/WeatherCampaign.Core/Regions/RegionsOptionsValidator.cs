using Microsoft.Extensions.Options;

namespace WeatherCampaign.Core.Regions;

/// <summary>Refuses region groups that form a cycle or name something unresolvable, naming the setting (<c>Regions:Groups:US-NE</c>).</summary>
public sealed class RegionsOptionsValidator : IValidateOptions<RegionsOptions>
{
    public ValidateOptionsResult Validate(string? name, RegionsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var groups = options.Groups.ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Value, StringComparer.OrdinalIgnoreCase);
        var errors = RegionCatalog.Validate(groups);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
