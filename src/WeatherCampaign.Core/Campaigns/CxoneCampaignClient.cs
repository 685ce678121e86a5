using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Serialization;

namespace WeatherCampaign.Core.Campaigns;

/// <summary>
/// The CXone outbound campaigns API (<c>api/v2/outbound/campaigns</c>: list, read, change status, as
/// <c>tools/CxoneSimulator/CampaignEndpoints.cs</c> serves it). Retries, Retry-After, circuit breaking and pacing live in the
/// named HttpClient's pipeline (<see cref="CampaignServiceCollectionExtensions"/>); this class only speaks the API.
/// </summary>
public partial class CxoneCampaignClient : ICampaignPlatform
{
    /// <summary>The named HttpClient whose pipeline every call to this API goes through.</summary>
    public const string ClientName = "cxone";

    private const string CampaignsPath = "api/v2/outbound/campaigns";
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly CxoneOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public CxoneCampaignClient(IHttpClientFactory httpClientFactory, IOptions<CxoneOptions> options, TimeProvider timeProvider, ILogger<CxoneCampaignClient> logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>For mocking.</summary>
    protected CxoneCampaignClient()
    {
        _httpClientFactory = null!;
        _options = new CxoneOptions();
        _timeProvider = TimeProvider.System;
        _logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    public virtual async Task<CampaignListing> ListCampaignsAsync(CancellationToken cancellationToken = default)
    {
        var readAt = _timeProvider.GetUtcNow();
        var first = await ReadPageAsync(1, null, cancellationToken).ConfigureAwait(false);
        ListingBounds.Check("campaign", first.Total, first.PageCount, first.PageSize > 0 ? first.PageSize : _options.PageSize);
        var pageCount = Math.Max(first.PageCount, 1);
        var pages = new ConcurrentDictionary<int, CampaignPage> { [1] = first };

        // The first page says how many there are; the rest are read side by side, under the same pacing.
        await Parallel.ForEachAsync(
            Enumerable.Range(2, pageCount - 1),
            new ParallelOptions { MaxDegreeOfParallelism = _options.ListingConcurrency, CancellationToken = cancellationToken },
            async (page, ct) => pages[page] = await ReadPageAsync(page, pageCount, ct).ConfigureAwait(false)).ConfigureAwait(false);

        var campaigns = new List<Campaign>(first.Total);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; page <= pageCount; page++)
        {
            var current = pages[page];
            if (current.PageCount != first.PageCount || current.Total != first.Total)
            {
                throw new CampaignListingException(
                    $"The campaign listing changed while it was read (page {page}: pageCount {current.PageCount}, total {current.Total}; page 1: pageCount {first.PageCount}, total {first.Total}).");
            }

            foreach (var entity in current.Entities ?? [])
            {
                var campaign = ToCampaign(entity);
                if (!seen.Add(campaign.Id))
                {
                    throw new CampaignListingException($"The campaign listing named campaign {CampaignId.ForDisplay(campaign.Id)} twice; it changed while it was read.");
                }

                campaigns.Add(campaign);
            }
        }
        if (campaigns.Count != first.Total)
        {
            throw new CampaignListingException($"The campaign listing said total {first.Total} but its {pageCount} page(s) held {campaigns.Count} campaigns.");
        }

        LogListed(_logger, campaigns.Count, pageCount);
        return new CampaignListing(campaigns, pageCount, readAt);
    }

    public virtual async Task<Campaign?> GetCampaignAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        var path = $"{CampaignsPath}/{CampaignId.ToPathSegment(campaignId)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await CampaignHttp.SendAsync(_httpClientFactory, ClientName, request, "campaign read", cancellationToken).ConfigureAwait(false);
        if (CampaignHttp.IsNotFound(response))
        {
            return null;
        }

        await CampaignHttp.EnsureSuccessAsync(response, "campaign read").ConfigureAwait(false);
        return ToCampaign(await CampaignHttp.ReadJsonAsync<CampaignEntity>(response, "campaign", cancellationToken).ConfigureAwait(false));
    }

    public virtual async Task<StatusChange> SetStatusAsync(string campaignId, CampaignStatus target, CancellationToken cancellationToken = default)
    {
        var wire = target switch
        {
            CampaignStatus.Paused => "paused",
            CampaignStatus.Running => "running",
            _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Only Running and Paused can be asked for."),
        };
        var path = $"{CampaignsPath}/{CampaignId.ToPathSegment(campaignId)}";
        using var request = new HttpRequestMessage(HttpMethod.Patch, path)
        {
            Content = JsonContent.Create(new StatusBody(wire), options: WeatherCampaignJson.Options),
        };
        using var response = await CampaignHttp.SendAsync(_httpClientFactory, ClientName, request, "status change", cancellationToken).ConfigureAwait(false);

        if (CampaignHttp.IsNotFound(response))
        {
            return new StatusChange(StatusChangeOutcome.Gone, null);
        }

        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            // A 409 means the campaign is not where we thought: read it back, never loop or force (README.md, "What happens when …").
            var current = await GetCampaignAsync(campaignId, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return new StatusChange(StatusChangeOutcome.Gone, null);
            }

            var outcome = current.Status == target ? StatusChangeOutcome.AlreadyInStatus : StatusChangeOutcome.Conflict;
            LogConflict(_logger, CampaignId.ForDisplay(campaignId), wire, current.RawStatus, outcome);
            return new StatusChange(outcome, current, CampaignHttp.WasRetriedUnanswered(request));
        }
        await CampaignHttp.EnsureSuccessAsync(response, "status change").ConfigureAwait(false);
        var updated = ToCampaign(await CampaignHttp.ReadJsonAsync<CampaignEntity>(response, "status change answer", cancellationToken).ConfigureAwait(false));
        return new StatusChange(StatusChangeOutcome.Changed, updated);
    }

    private async Task<CampaignPage> ReadPageAsync(int page, int? expectedPages, CancellationToken cancellationToken)
    {
        var what = expectedPages is null ? $"campaign listing (page {page})" : $"campaign listing (page {page} of {expectedPages})";
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{CampaignsPath}?page={page}&pageSize={_options.PageSize}");
            using var response = await CampaignHttp.SendAsync(_httpClientFactory, ClientName, request, what, cancellationToken).ConfigureAwait(false);
            await CampaignHttp.EnsureSuccessAsync(response, what).ConfigureAwait(false);
            var body = await CampaignHttp.ReadJsonAsync<CampaignPage>(response, what, cancellationToken).ConfigureAwait(false);
            if (body.Page != page)
            {
                throw new CampaignListingException($"The {what} answered with page {body.Page}.");
            }

            return body;
        }
        catch (CampaignApiException ex) when (ex is not CampaignListingException and not CampaignAuthenticationException)
        {
            throw new CampaignListingException($"The campaign listing is incomplete: {ex.Message}", ex);
        }
    }

    /// <summary>Maps the wire entity; the status string is kept as sent so an unknown one is visible in the audit trail.</summary>
    internal static Campaign ToCampaign(CampaignEntity entity)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in entity.CustomAttributes ?? [])
        {
            attributes[key] = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        }

        var regions = new List<string>();
        if (entity.CustomAttributes?.TryGetValue("region", out var region) == true)
        {
            var parts = region.ValueKind switch
            {
                JsonValueKind.String => [region.GetString()!],
                JsonValueKind.Array => region.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!),
                _ => Enumerable.Empty<string>(),
            };
            regions.AddRange(parts
                .SelectMany(p => p.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        }

        var raw = entity.Status ?? "";
        var status = raw.Trim().ToLowerInvariant() switch
        {
            "running" => CampaignStatus.Running,
            "paused" => CampaignStatus.Paused,
            "draft" => CampaignStatus.Draft,
            "completed" => CampaignStatus.Completed,
            _ => CampaignStatus.Unknown,
        };
        return new Campaign(entity.Id ?? "", entity.Name ?? "", status, raw, regions, attributes);
    }

    internal sealed record CampaignEntity(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("status")] string? Status,
        [property: JsonPropertyName("custom_attributes")] Dictionary<string, JsonElement>? CustomAttributes);

    internal sealed record CampaignPage(
        [property: JsonPropertyName("page")] int Page,
        [property: JsonPropertyName("pageSize")] int PageSize,
        [property: JsonPropertyName("count")] int Count,
        [property: JsonPropertyName("total")] int Total,
        [property: JsonPropertyName("pageCount")] int PageCount,
        [property: JsonPropertyName("entities")] List<CampaignEntity>? Entities);

    private sealed record StatusBody([property: JsonPropertyName("status")] string Status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listed {CampaignCount} campaigns in {PageCount} page(s)")]
    private static partial void LogListed(ILogger logger, int campaignCount, int pageCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "409 for campaign {CampaignId} asking {Target}: it is {Actual}, so {Outcome}")]
    private static partial void LogConflict(ILogger logger, string campaignId, string target, string actual, StatusChangeOutcome outcome);
}
