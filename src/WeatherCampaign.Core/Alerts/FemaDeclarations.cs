using System.Collections.Frozen;

namespace WeatherCampaign.Core.Alerts;

/// <summary>
/// FEMA's vocabulary for disaster declarations (the <c>DisasterDeclarationsSummaries</c> data dictionary), and the event
/// codes a declaration carries on its <see cref="WeatherAlert"/>.
/// </summary>
public static class FemaDeclarations
{
    /// <summary>The <see cref="WeatherAlert.EventCodes"/> key holding the declaration type (<c>DR</c>, <c>EM</c>, <c>FM</c>).</summary>
    public const string DeclarationTypeCode = "FEMA:declarationType";

    /// <summary>The <see cref="WeatherAlert.EventCodes"/> key holding the incident type (<c>Hurricane</c>, <c>Flood</c>).</summary>
    public const string IncidentTypeCode = "FEMA:incidentType";

    /// <summary>Major disaster, emergency, fire management assistance.</summary>
    public static FrozenSet<string> DeclarationTypes { get; } = new[] { "DR", "EM", "FM" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The declaration types that count when <c>Policy:DeclarationTypes</c> lists none.</summary>
    public static IReadOnlyList<string> DefaultDeclarationTypes { get; } = ["DR", "EM"];

    /// <summary>
    /// The incident types the data dictionary lists. <c>Policy:IncidentTypes</c> is checked against them at start-up, so a
    /// misspelt type fails loudly instead of silently matching nothing.
    /// </summary>
    public static FrozenSet<string> IncidentTypes { get; } = new[]
    {
        "Biological", "Chemical", "Coastal Storm", "Dam/Levee Break", "Drought", "Earthquake", "Fire", "Fishing Losses", "Flood",
        "Freezing", "Human Cause", "Hurricane", "Mud/Landslide", "Other", "Severe Ice Storm", "Severe Storm", "Snowstorm",
        "Straight-Line Winds", "Terrorist", "Tornado", "Toxic Substances", "Tropical Depression", "Tropical Storm", "Tsunami",
        "Typhoon", "Volcanic Eruption", "Winter Storm",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
