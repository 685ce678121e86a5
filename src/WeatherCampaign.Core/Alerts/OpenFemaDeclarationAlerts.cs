using System.Collections.Frozen;

namespace WeatherCampaign.Core.Alerts;

/// <summary>
/// Turns FEMA's per-area records into one <see cref="WeatherAlert"/> per declaration, so the planner, the policy and the
/// audit treat a declaration like any other alert: its id is the declaration string (<c>DR-4834-FL</c>), its event the
/// incident and declaration type (<c>Hurricane (DR)</c>), its geocodes every designated area's SAME code.
/// </summary>
/// <remarks>
/// A declaration has no CAP severity, urgency or certainty (they stay Unknown); <see cref="WeatherAlert.Kind"/> is
/// <see cref="AlertKind.Declaration"/> and the policy counts it by its types instead. Its onset is the incident's begin, its
/// end the incident's end (the policy adds <c>Policy:DeclarationHoldDays</c>); an incident still open has no end.
/// </remarks>
public static class OpenFemaDeclarationAlerts
{
    private const int AreasNamed = 20;

    public static IReadOnlyList<WeatherAlert> From(IEnumerable<DisasterDeclaration> declarations, string feedName)
    {
        ArgumentNullException.ThrowIfNull(declarations);
        return declarations
            .GroupBy(d => d.DeclarationString, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => ToAlert([.. g], feedName))
            .ToList();
    }

    private static WeatherAlert ToAlert(List<DisasterDeclaration> areas, string feedName)
    {
        var first = areas[0];
        var incident = first.IncidentType is { Length: > 0 } type ? type : "Disaster declaration";
        var names = areas.Select(a => a.DesignatedArea).OfType<string>().Where(n => n.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var described = string.Join("; ", names.Take(AreasNamed)) + (names.Count > AreasNamed ? $"; and {names.Count - AreasNamed} more" : "");
        var codes = new Dictionary<string, string> { [FemaDeclarations.DeclarationTypeCode] = first.DeclarationType };
        if (first.IncidentType is { Length: > 0 })
        {
            codes[FemaDeclarations.IncidentTypeCode] = first.IncidentType;
        }

        return new WeatherAlert
        {
            Id = first.DeclarationString.ToUpperInvariant(),
            Feed = feedName,
            Kind = AlertKind.Declaration,
            Event = $"{incident} ({first.DeclarationType})",
            Headline = first.Title is { Length: > 0 } title ? $"{first.DeclarationString}: {title}" : first.DeclarationString,
            AreaDescription = described.Length > 0 ? described : null,
            Sent = areas.Min(a => a.DeclarationDate),
            Effective = areas.Min(a => a.DeclarationDate),
            Onset = areas.Min(a => a.IncidentBegin),
            // One area still open keeps the whole declaration open.
            Ends = areas.Any(a => a.IncidentEnd is null) ? null : areas.Max(a => a.IncidentEnd),
            Geocodes = [.. areas.Select(a => a.Area).Distinct()],
            EventCodes = codes.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
        };
    }
}
