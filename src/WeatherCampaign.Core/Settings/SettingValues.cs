using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace WeatherCampaign.Core.Settings;

/// <summary>
/// Finds the values of a section that the configuration binder cannot convert to their property's type, by asking the
/// binder itself one value at a time, and binds the rest.
/// </summary>
internal static class SettingValues
{
    /// <summary>Every value under <paramref name="section"/> that cannot become its property's type: its full path, the text and the type.</summary>
    public static IReadOnlyList<(string Path, string Value, Type Type)> Unconvertible(IConfigurationSection section, Type optionsType)
    {
        var found = new List<(string, string, Type)>();
        Walk(section, optionsType, found);
        return found;
    }

    /// <summary>Binds <paramref name="section"/> onto <paramref name="options"/>, leaving out the values that cannot be converted (they keep their defaults).</summary>
    public static void Bind(IConfigurationSection section, object options)
    {
        var unconvertible = Unconvertible(section, options.GetType());
        if (unconvertible.Count == 0)
        {
            section.Bind(options);
            return;
        }

        var skipped = unconvertible.Select(u => u.Path).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var convertible = section.AsEnumerable().Where(pair => !skipped.Contains(pair.Key));
        new ConfigurationBuilder().AddInMemoryCollection(convertible).Build().GetSection(section.Path).Bind(options);
    }

    private static void Walk(IConfigurationSection node, Type type, List<(string, string, Type)> found)
    {
        if (IsValue(type))
        {
            if (node.Value is { } value && !Converts(node, type))
            {
                found.Add((node.Path, value, type));
            }

            return;
        }

        var element = ElementType(type);
        foreach (var child in node.GetChildren())
        {
            // Keys no property has are ignored, as the binder ignores them.
            var childType = element ?? type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
            if (childType is not null)
            {
                Walk(child, childType, found);
            }
        }
    }

    // The binder's own test for "a value, not an object": a converter that reads strings.
    private static bool IsValue(Type type) =>
        TypeDescriptor.GetConverter(Nullable.GetUnderlyingType(type) ?? type).CanConvertFrom(typeof(string));

    private static bool Converts(IConfigurationSection leaf, Type type)
    {
        try
        {
            leaf.Get(type);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The item type of an array, list or set, the value type of a dictionary; null for anything else.</summary>
    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var generics = type.GetInterfaces().Prepend(type).Where(t => t.IsGenericType).ToList();
        var dictionary = generics.FirstOrDefault(t => t.GetGenericTypeDefinition() is var d && (d == typeof(IDictionary<,>) || d == typeof(IReadOnlyDictionary<,>) || d == typeof(Dictionary<,>)));
        if (dictionary is not null)
        {
            return dictionary.GetGenericArguments()[1];
        }

        return generics.FirstOrDefault(t => t.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }
}
