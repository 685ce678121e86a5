namespace WeatherCampaign.Core.Planning;

/// <summary>
/// <c>Policy:States:&lt;ST&gt;</c>: the resume rules of one state where they differ from the <c>Policy</c> section's. A value left
/// unset is the section's; <see cref="HoldAfter"/> adds to (or replaces, event by event) the section's.
/// </summary>
public sealed class StateResumeOptions
{
    public string? ResumeNotBefore { get; set; }
    public string? ResumeNotAfter { get; set; }
    public string? BusinessDays { get; set; }
    public TimeSpan? MinimumHold { get; set; }
    public Dictionary<string, TimeSpan> HoldAfter { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public bool? ResumeNextBusinessDay { get; set; }
}
