namespace CxoneSimulator.CxoneAdmin;

/// <summary>
/// A CXone skill as the Admin API describes it (<c>/work/shared/contract/cxone-admin-skills.md</c>, "Skills"). Only an active
/// outbound Personal Connection skill dials; the other kinds exist so that a client that touches them is caught.
/// </summary>
public sealed record AdminSkill(
    int SkillId,
    string SkillName,
    int MediaTypeId,
    bool IsOutbound,
    string? OutboundStrategy,
    bool IsRunning,
    bool IsActive,
    int? CampaignId = null,
    string? CampaignName = null,
    string? Notes = null)
{
    /// <summary>The media type of a phone call.</summary>
    public const int PhoneCall = 4;

    public const string PersonalConnection = "Personal Connection";

    public const string Manual = "Manual";

    /// <summary>A Personal Connection outbound skill: the only kind the weather service may stop and start.</summary>
    public static AdminSkill Dialer(int id, string name, bool running = true, string? notes = null, bool active = true) =>
        new(id, name, PhoneCall, IsOutbound: true, PersonalConnection, running, active, 7, "Outbound", notes);

    /// <summary>An inbound phone skill: never ours.</summary>
    public static AdminSkill Inbound(int id, string name, string? notes = null) =>
        new(id, name, PhoneCall, IsOutbound: false, null, IsRunning: true, IsActive: true, Notes: notes);

    /// <summary>A manual-dial outbound skill: never ours.</summary>
    public static AdminSkill ManualDial(int id, string name, string? notes = null) =>
        new(id, name, PhoneCall, IsOutbound: true, Manual, IsRunning: true, IsActive: true, Notes: notes);

    /// <summary>True for the skills a correct client lists: active outbound Personal Connection phone skills.</summary>
    public bool IsActiveDialer => IsActive && IsOutbound && MediaTypeId == PhoneCall && OutboundStrategy == PersonalConnection;
}
