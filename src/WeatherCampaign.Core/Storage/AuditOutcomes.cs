namespace WeatherCampaign.Core.Storage;

/// <summary>The wire names of <see cref="AuditOutcome"/>: what the audit table stores and a person filters on (<c>held-for-approval</c>).</summary>
public static class AuditOutcomes
{
    public static string ToWire(this AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.HeldForApproval => "held-for-approval",
        AuditOutcome.ManualHold => "manual-hold",
        AuditOutcome.ManualRelease => "manual-release",
        AuditOutcome.ServiceHalted => "service-halted",
        AuditOutcome.ServiceResumed => "service-resumed",
        AuditOutcome.Reissue => "re-issue",
        AuditOutcome.ResumeHeld => "resume-held",
        _ => outcome.ToString().ToLowerInvariant(),
    };

    public static bool TryParse(string? wire, out AuditOutcome outcome)
    {
        foreach (var candidate in Enum.GetValues<AuditOutcome>())
        {
            if (string.Equals(candidate.ToWire(), wire, StringComparison.OrdinalIgnoreCase))
            {
                outcome = candidate;
                return true;
            }
        }
        outcome = default;
        return false;
    }
}
