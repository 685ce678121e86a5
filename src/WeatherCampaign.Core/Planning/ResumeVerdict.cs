namespace WeatherCampaign.Core.Planning;

/// <summary>
/// What the resume rules say of a hold that is clear: resume now, or not before <see cref="At"/>. Either way
/// <see cref="Rule"/> names the setting that decided it (<c>Policy:HoldAfter:Hurricane Warning</c>,
/// <c>Policy:States:OR:ResumeNextBusinessDay</c>) and <see cref="Why"/> says how, for the audit row.
/// </summary>
/// <param name="At">When the hold may resume: now for a resume, the moment the deciding rule lets it go otherwise.</param>
/// <param name="Warning">Something the officer should know about how it was decided (a campaign's unknown time zone); null for none.</param>
public sealed record ResumeVerdict(bool ResumeNow, DateTimeOffset At, string Rule, string Why, string? Warning = null);
