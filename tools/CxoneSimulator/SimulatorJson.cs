using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxoneSimulator;

/// <summary>The one serializer setup used for seeds, campaign API answers and control answers.</summary>
public static class SimulatorJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    internal static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter());
        options.ReadCommentHandling = JsonCommentHandling.Skip;
        options.AllowTrailingCommas = true;
        return options;
    }
}
