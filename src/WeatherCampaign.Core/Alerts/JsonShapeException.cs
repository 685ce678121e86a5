namespace WeatherCampaign.Core.Alerts;

/// <summary>A JSON document whose shape is wrong at <see cref="Path"/> (<c>$.features[2].properties.sent</c>).</summary>
internal sealed class JsonShapeException(string path, string problem) : Exception(problem)
{
    public string Path { get; } = path;
}
