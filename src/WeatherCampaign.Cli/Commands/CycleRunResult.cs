using System.Globalization;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Cli.Commands;

/// <summary>What one <c>run</c> did: the plan, and how each intervention it applied ended.</summary>
internal sealed record CycleRunResult(CycleResult Cycle, IReadOnlyDictionary<AuditOutcome, int> Outcomes, int Failed, int Unseen)
{
    public int Count(AuditOutcome outcome) => Outcomes.GetValueOrDefault(outcome);

    /// <summary>True when an intervention failed or was rejected: the run's exit code is then non-zero.</summary>
    public bool AnyFailed => Failed > 0 || Count(AuditOutcome.Failed) > 0 || Count(AuditOutcome.Rejected) > 0;

    public string Summary()
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"paused {Count(AuditOutcome.Paused)}, resumed {Count(AuditOutcome.Resumed)}, skipped {Count(AuditOutcome.Skipped)}, conflicts {Count(AuditOutcome.Conflict)}, failed {Failed + Count(AuditOutcome.Failed)}");
        if (Count(AuditOutcome.Gone) > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", gone {Count(AuditOutcome.Gone)}");
        }

        if (Count(AuditOutcome.Rejected) > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", rejected {Count(AuditOutcome.Rejected)}");
        }

        if (Count(AuditOutcome.Halted) > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", halted {Count(AuditOutcome.Halted)} (kept in {InterventionQueues.HaltedName}; 'resume-service --replay' sends them again)");
        }

        if (Count(AuditOutcome.Stale) > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", stale {Count(AuditOutcome.Stale)}");
        }

        if (Unseen > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", {Unseen} taken by another consumer (a running Functions host?)");
        }

        return text;
    }
}
