using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Campaigns;

namespace WeatherCampaign.Core.Platforms.CxoneSkills;

/// <summary>
/// NICE CXone's Personal Connection skills as campaigns (<c>Platform:Kind</c> <c>cxone-skills</c>): only active outbound
/// Personal Connection skills are listed; stop is the weather pause and start the resume. A refused or unexpected answer is read
/// back and classified, and <c>force</c> is never sent. The pipeline (<see cref="CampaignHttpPipeline"/>) does retries and pacing.
/// </summary>
public sealed partial class CxoneSkillsPlatform(
    IHttpClientFactory httpClientFactory,
    CxoneAdminSession session,
    IOptions<CxoneAdminOptions> options,
    TimeProvider timeProvider,
    ILogger<CxoneSkillsPlatform> logger) : ICampaignPlatform
{
    /// <summary>The named HttpClient whose pipeline every call to the CXone auth host and Admin API goes through.</summary>
    public const string ClientName = "cxone-skills";

    private const int PhoneCall = 4;
    private const string PersonalConnection = "Personal Connection";

    public async Task<CampaignListing> ListCampaignsAsync(CancellationToken cancellationToken = default)
    {
        var readAt = timeProvider.GetUtcNow();
        var services = await ServicesBaseAsync("skill listing", cancellationToken).ConfigureAwait(false);
        var top = options.Value.PageSize;
        var listed = new List<SkillEntity>();
        int? total = null;
        var pages = 0;
        // Sequential pages: the tenant's pace is low and unpublished, and each page is checked against the first's totalRecords.
        while (total is null || listed.Count < total)
        {
            var page = await ReadPageAsync(services, top, listed.Count, total, pages + 1, cancellationToken).ConfigureAwait(false);
            pages++;
            if (total is not null && page.TotalRecords != total)
            {
                throw new CampaignListingException($"The skill listing changed while it was read (page {pages}: totalRecords {page.TotalRecords}; page 1: {total}).");
            }

            total = page.TotalRecords;
            if (page.Skills.Count == 0 && listed.Count < total)
            {
                throw new CampaignListingException($"The skill listing said totalRecords {total} but page {pages} was empty after {listed.Count}.");
            }

            listed.AddRange(page.Skills);
            if (listed.Count > total)
            {
                throw new CampaignListingException($"The skill listing said totalRecords {total} but its pages held {listed.Count} skills.");
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var campaigns = new List<Campaign>(listed.Count);
        // Filtered again here: a server that ignored a query parameter must not make an inbound or inactive skill ours.
        foreach (var skill in listed.Where(IsActiveDialer))
        {
            var campaign = ToCampaign(skill);
            if (!seen.Add(campaign.Id))
            {
                throw new CampaignListingException($"The skill listing named skill {CampaignId.ForDisplay(campaign.Id)} twice; it changed while it was read.");
            }

            campaigns.Add(campaign);
        }

        LogListed(logger, campaigns.Count, listed.Count, pages);
        return new CampaignListing(campaigns, pages, readAt) { IdForm = CxoneSkillId.Form };
    }

    public async Task<Campaign?> GetCampaignAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        var skillId = ParseId(campaignId);
        var services = await session.GetServicesBaseAsync(cancellationToken).ConfigureAwait(false);
        return await ReadSkillAsync(services, skillId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StatusChange> SetStatusAsync(string campaignId, CampaignStatus target, CancellationToken cancellationToken = default)
    {
        var verb = target switch
        {
            CampaignStatus.Paused => "stop",
            CampaignStatus.Running => "start",
            _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Only Running and Paused can be asked for."),
        };
        var skillId = ParseId(campaignId);
        var services = await session.GetServicesBaseAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(services, $"skills/{skillId.ToString(CultureInfo.InvariantCulture)}/{verb}"));
        using var response = await CampaignHttp.SendAsync(httpClientFactory, ClientName, request, $"skill {verb}", cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return new StatusChange(StatusChangeOutcome.Changed, null);
        }

        var code = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new StatusChange(StatusChangeOutcome.Gone, null);
        }

        if (code is 401 or 408 or 429 || code >= 500)
        {
            await CampaignHttp.EnsureSuccessAsync(response, $"skill {verb}").ConfigureAwait(false);
        }

        // Refused or unexpected (NICE documents no codes for a start of a running skill): read it back, never force.
        var current = await ReadSkillAsync(services, skillId, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return new StatusChange(StatusChangeOutcome.Gone, null);
        }

        var outcome = current.Status == target ? StatusChangeOutcome.AlreadyInStatus : StatusChangeOutcome.Conflict;
        LogRefused(logger, skillId, verb, code, current.RawStatus, outcome);
        return new StatusChange(outcome, current, CampaignHttp.WasRetriedUnanswered(request));
    }

    private async Task<Uri> ServicesBaseAsync(string what, CancellationToken cancellationToken)
    {
        try
        {
            return await session.GetServicesBaseAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CampaignApiException ex) when (ex is not CampaignAuthenticationException)
        {
            throw new CampaignListingException($"The {what} could not start: {ex.Message}", ex);
        }
    }

    private async Task<SkillPage> ReadPageAsync(Uri services, int top, int skip, int? total, int page, CancellationToken cancellationToken)
    {
        var what = total is null ? $"skill listing (page {page})" : $"skill listing (page {page}, {skip} of {total} read)";
        try
        {
            var query = FormattableString.Invariant($"skills?mediaTypeId={PhoneCall}&outboundStrategy={Uri.EscapeDataString(PersonalConnection)}&isActive=true&top={top}&skip={skip}");
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(services, query));
            using var response = await CampaignHttp.SendAsync(httpClientFactory, ClientName, request, what, cancellationToken).ConfigureAwait(false);
            await CampaignHttp.EnsureSuccessAsync(response, what).ConfigureAwait(false);
            // The inContact API answers 204 with no body when nothing matches.
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return new SkillPage(total ?? 0, []);
            }

            var body = await CampaignHttp.ReadJsonAsync<SkillPage>(response, what, cancellationToken).ConfigureAwait(false);
            return body with { Skills = body.Skills ?? [] };
        }
        catch (CampaignApiException ex) when (ex is not CampaignListingException and not CampaignAuthenticationException)
        {
            throw new CampaignListingException($"The skill listing is incomplete: {ex.Message}", ex);
        }
    }

    private async Task<Campaign?> ReadSkillAsync(Uri services, int skillId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(services, $"skills/{skillId.ToString(CultureInfo.InvariantCulture)}"));
        using var response = await CampaignHttp.SendAsync(httpClientFactory, ClientName, request, "skill read", cancellationToken).ConfigureAwait(false);
        if (CampaignHttp.IsNotFound(response))
        {
            return null;
        }

        await CampaignHttp.EnsureSuccessAsync(response, "skill read").ConfigureAwait(false);
        // Public clients show both shapes: the skill itself, or a one-skill page.
        var body = await CampaignHttp.ReadJsonAsync<JsonElement>(response, "skill", cancellationToken).ConfigureAwait(false);
        var element = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("skills", out var skills) && skills.ValueKind == JsonValueKind.Array
            ? skills.EnumerateArray().FirstOrDefault()
            : body;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var skill = element.Deserialize<SkillEntity>()!;
        var campaign = ToCampaign(skill);
        // A skill deactivated or changed to another strategy since the listing is no longer ours: unknown, so never forced.
        return IsActiveDialer(skill) ? campaign : campaign with { Status = CampaignStatus.Unknown, RawStatus = skill.IsActive == false ? "inactive" : "not personal connection" };
    }

    private static int ParseId(string campaignId) =>
        CxoneSkillId.TryParse(campaignId, out var skillId)
            ? skillId
            : throw new CampaignApiException($"Skill id '{CampaignId.ForDisplay(campaignId)}' refused before any request: a CXone skill id is a positive whole number.");

    private static bool IsActiveDialer(SkillEntity skill) =>
        skill.IsActive == true && skill.IsOutbound == true
        && string.Equals(skill.OutboundStrategy?.Trim(), PersonalConnection, StringComparison.OrdinalIgnoreCase)
        && (skill.MediaTypeId is null || skill.MediaTypeId == PhoneCall);

    /// <summary>Regions from the notes' <c>region=</c> token and the name's brackets; opt-out from <c>[weather:off]</c> or <c>weather_automation=off</c>.</summary>
    internal static Campaign ToCampaign(SkillEntity skill)
    {
        var name = skill.SkillName ?? "";
        var labels = CampaignLabels.InName(name);
        var tokens = CampaignLabels.TokensIn(skill.Notes);
        var attributes = new Dictionary<string, string>(tokens, StringComparer.OrdinalIgnoreCase);
        if (labels.OptedOut)
        {
            attributes[CampaignLabels.AutomationKey] = "off";
        }

        // The notes' timezone= token wins over a [tz:…] label in the name.
        if (labels.TimeZone is { Length: > 0 } zone)
        {
            attributes.TryAdd(Campaign.TimeZoneAttribute, zone);
        }

        var regions = new List<string>(tokens.TryGetValue(CampaignLabels.RegionKey, out var codes) ? CampaignLabels.SplitCodes(codes) : []);
        regions.AddRange(labels.Regions.Where(r => !regions.Contains(r, StringComparer.OrdinalIgnoreCase)));
        var (status, raw) = skill.IsRunning switch
        {
            true => (CampaignStatus.Running, "running"),
            false => (CampaignStatus.Paused, "stopped"),
            null => (CampaignStatus.Unknown, ""),
        };
        var id = skill.SkillId.ValueKind switch
        {
            JsonValueKind.Number or JsonValueKind.String => skill.SkillId.ValueKind == JsonValueKind.String ? skill.SkillId.GetString()! : skill.SkillId.GetRawText(),
            _ => "",
        };
        return new Campaign(id, name, status, raw, regions, attributes);
    }

    internal sealed record SkillEntity(
        [property: JsonPropertyName("skillId")] JsonElement SkillId,
        [property: JsonPropertyName("skillName")] string? SkillName,
        [property: JsonPropertyName("mediaTypeId")] int? MediaTypeId,
        [property: JsonPropertyName("isOutbound")] bool? IsOutbound,
        [property: JsonPropertyName("outboundStrategy")] string? OutboundStrategy,
        [property: JsonPropertyName("isRunning")] bool? IsRunning,
        [property: JsonPropertyName("isActive")] bool? IsActive,
        [property: JsonPropertyName("notes")] string? Notes);

    internal sealed record SkillPage(
        [property: JsonPropertyName("totalRecords")] int TotalRecords,
        [property: JsonPropertyName("skills")] IReadOnlyList<SkillEntity> Skills);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listed {SkillCount} active Personal Connection skills ({ListedCount} answered) in {PageCount} page(s)")]
    private static partial void LogListed(ILogger logger, int skillCount, int listedCount, int pageCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skill {SkillId} {Verb} answered {Status}; read back it is {Actual}, so {Outcome}")]
    private static partial void LogRefused(ILogger logger, int skillId, string verb, int status, string actual, StatusChangeOutcome outcome);
}
