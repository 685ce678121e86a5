using System.Xml.Linq;

namespace WeatherCampaign.Core.Alerts;

/// <summary>An XML document whose shape is wrong at <see cref="At"/>.</summary>
internal sealed class XmlShapeException(XObject at, string problem) : Exception(problem)
{
    public XObject At { get; } = at;
}
