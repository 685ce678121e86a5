using WeatherCampaign.Core.Alerts;

namespace WeatherCampaign.Core.Planning;

/// <summary>
/// Rule 1 for disaster declarations (<see cref="AlertKind.Declaration"/>). A declaration has no CAP severity, urgency or
/// certainty, so it does not meet <c>Policy:MinimumSeverity</c> or the floors the way a warning does: it counts as its own
/// kind when its declaration and incident types pass <c>Policy:DeclarationTypes</c> and <c>Policy:IncidentTypes</c>, from
/// its incident's begin until its end plus <c>Policy:DeclarationHoldDays</c>.
/// </summary>
internal sealed class DeclarationRules
{
    private readonly HashSet<string> _declarationTypes;
    private readonly HashSet<string> _incidentTypes;
    private readonly TimeSpan _hold;

    public DeclarationRules(PolicyOptions policy)
    {
        var declarationTypes = policy.DeclarationTypes.Select(t => t.Trim()).Where(t => t.Length > 0).ToList();
        _declarationTypes = new HashSet<string>(declarationTypes.Count > 0 ? declarationTypes : FemaDeclarations.DefaultDeclarationTypes, StringComparer.OrdinalIgnoreCase);
        _incidentTypes = new HashSet<string>(policy.IncidentTypes.Select(t => t.Trim()).Where(t => t.Length > 0), StringComparer.OrdinalIgnoreCase);
        _hold = TimeSpan.FromDays(policy.DeclarationHoldDays);
    }

    /// <summary>The incident's end plus the hold days; null while the incident is open (it counts).</summary>
    public DateTimeOffset? InForceUntil(WeatherAlert declaration) => declaration.InForceUntil is { } end ? end + _hold : null;

    /// <summary>Null when the declaration's types count; otherwise why they do not.</summary>
    public string? WhyNotCounting(WeatherAlert declaration)
    {
        var declarationType = declaration.EventCodes.GetValueOrDefault(FemaDeclarations.DeclarationTypeCode, "");
        if (!_declarationTypes.Contains(declarationType))
        {
            return $"declaration type '{declarationType}' is not in Policy:DeclarationTypes ({string.Join(", ", _declarationTypes.Order(StringComparer.Ordinal))})";
        }

        var incidentType = declaration.EventCodes.GetValueOrDefault(FemaDeclarations.IncidentTypeCode, "");
        if (_incidentTypes.Count > 0 && !_incidentTypes.Contains(incidentType))
        {
            return $"incident type '{incidentType}' is not in Policy:IncidentTypes";
        }

        return null;
    }
}
