using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Campaigns;

namespace WeatherCampaign.Core.Platforms.GenesysCloud;

/// <summary>
/// Genesys Cloud outbound campaigns (<c>/api/v2/outbound/campaigns</c>, as <c>tools/CxoneSimulator/Genesys/</c> serves it):
/// list every page, read one, and turn one on or off by PUTting the whole campaign back as last read with only
/// <c>campaignStatus</c> changed and the version read, so a person's edit is never overwritten. Retries, Retry-After,
/// circuit breaking and pacing live in the named HttpClient's pipeline (<see cref="GenesysCloudServiceCollectionExtensions"/>).
/// </summary>
public sealed partial class GenesysCloudClient(
    IHttpClientFactory httpClientFactory,
    GenesysCampaignBodies bodies,
    IOptions<GenesysCloudOptions> options,
    TimeProvider timeProvider,
    ILogger<GenesysCloudClient> logger) : ICampaignPlatform
{
    /// <summary>The named HttpClient whose pipeline every call to Genesys Cloud goes through, token requests included.</summary>
    public const string ClientName = "genesys-cloud";

    private const string CampaignsPath = "api/v2/outbound/campaigns";
    private const string Off = "off";
    private const string On = "on";
    private const string Stopping = "stopping";

    private GenesysCloudOptions Options => options.Value;

    public async Task<CampaignListing> ListCampaignsAsync(CancellationToken cancellationToken = default)
    {
        var readAt = timeProvider.GetUtcNow();
        var first = await ReadPageAsync(1, null, cancellationToken).ConfigureAwait(false);
        ListingBounds.Check("Genesys Cloud campaign", first.Total, first.PageCount, Options.PageSize);
        var pageCount = Math.Max(first.PageCount, 1);
        var pages = new ConcurrentDictionary<int, CampaignPage> { [1] = first };

        // The first page says how many there are; the rest are read side by side, under the same pacing.
        await Parallel.ForEachAsync(
            Enumerable.Range(2, pageCount - 1),
            new ParallelOptions { MaxDegreeOfParallelism = Options.ListingConcurrency, CancellationToken = cancellationToken },
            async (page, ct) => pages[page] = await ReadPageAsync(page, pageCount, ct).ConfigureAwait(false)).ConfigureAwait(false);

        var listed = new List<GenesysCampaignBody>(first.Total);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; page <= pageCount; page++)
        {
            var current = pages[page];
            if (current.PageCount != first.PageCount || current.Total != first.Total)
            {
                throw new CampaignListingException(
                    $"The Genesys Cloud campaign listing changed while it was read (page {page}: pageCount {current.PageCount}, total {current.Total}; page 1: pageCount {first.PageCount}, total {first.Total}).");
            }

            foreach (var body in current.Entities)
            {
                if (!seen.Add(body.Id))
                {
                    throw new CampaignListingException($"The Genesys Cloud campaign listing named campaign {CampaignId.ForDisplay(body.Id)} twice; it changed while it was read.");
                }

                listed.Add(body);
            }
        }
        if (listed.Count != first.Total)
        {
            throw new CampaignListingException($"The Genesys Cloud campaign listing said total {first.Total} but its {pageCount} page(s) held {listed.Count} campaigns.");
        }

        // Only a complete listing replaces the bodies a change PUTs from.
        bodies.ReplaceWith(listed.Where(b => GenesysCampaignId.Form.Fits(b.Id, out _)));
        LogListed(logger, listed.Count, pageCount);
        var campaigns = listed.Select(b => b.ToCampaign(Options.RegionFromDivision)).ToList();
        return new CampaignListing(campaigns, pageCount, readAt) { IdForm = GenesysCampaignId.Form };
    }

    public async Task<Campaign?> GetCampaignAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        var body = await ReadAsync(campaignId, cancellationToken).ConfigureAwait(false);
        return body?.ToCampaign(Options.RegionFromDivision);
    }

    public async Task<StatusChange> SetStatusAsync(string campaignId, CampaignStatus target, CancellationToken cancellationToken = default)
    {
        var wanted = target switch
        {
            CampaignStatus.Paused => Off,
            CampaignStatus.Running => On,
            _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Only Running and Paused can be asked for."),
        };
        var uri = CampaignUri(campaignId);
        // The listing holds each campaign's body and version: PUT straight from it (README.md, "Genesys Cloud": 1 request per change).
        var body = Options.ReadBeforeChange ? null : bodies.Take(campaignId);
        var unanswered = false;
        for (var conflicts = 0; ; conflicts++)
        {
            body ??= await ReadAsync(campaignId, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                return new StatusChange(StatusChangeOutcome.Gone, null);
            }

            var step = Decide(body.Status, target);
            if (step != Step.Put)
            {
                bodies.Remember(body); // nothing was sent, so the body is as current as it was
            }

            switch (step)
            {
                case Step.AlreadyThere:
                    return new StatusChange(StatusChangeOutcome.AlreadyInStatus, body.ToCampaign(Options.RegionFromDivision), unanswered);
                case Step.Refuse:
                    LogNotForced(logger, CampaignId.ForDisplay(campaignId), wanted, body.Status);
                    return new StatusChange(StatusChangeOutcome.Conflict, body.ToCampaign(Options.RegionFromDivision), unanswered);
                case Step.WaitToSettle:
                    throw new CampaignApiException($"Genesys Cloud campaign {CampaignId.ForDisplay(campaignId)} is {body.Status}; it is turned {wanted} once that settles.", isTransient: true);
            }

            using var request = new HttpRequestMessage(HttpMethod.Put, uri)
            {
                Content = new StringContent(body.WithStatus(wanted), Encoding.UTF8, "application/json"),
            };
            using var response = await CampaignHttp.SendAsync(httpClientFactory, ClientName, request, "campaign status change", cancellationToken).ConfigureAwait(false);
            unanswered |= CampaignHttp.WasRetriedUnanswered(request);

            if (CampaignHttp.IsNotFound(response))
            {
                bodies.Forget(campaignId);
                return new StatusChange(StatusChangeOutcome.Gone, null);
            }

            if (response.IsSuccessStatusCode)
            {
                // The change landed whatever the answer's body says; one that is not the campaign is replaced by a read.
                var answered = await AnsweredBodyAsync(response, campaignId, cancellationToken).ConfigureAwait(false)
                    ?? await ReadAsync(campaignId, cancellationToken).ConfigureAwait(false);
                if (answered is null)
                {
                    return new StatusChange(StatusChangeOutcome.Gone, null);
                }

                bodies.Remember(answered);
                return new StatusChange(StatusChangeOutcome.Changed, answered.ToCampaign(Options.RegionFromDivision));
            }

            var refusal = response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.BadRequest
                ? await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false)
                : null;
            bodies.Forget(campaignId);
            if (response.StatusCode == HttpStatusCode.Conflict || (response.StatusCode == HttpStatusCode.BadRequest && refusal!.IsVersionMismatch))
            {
                // Someone changed the campaign since it was read (or an unanswered attempt of ours did): read it again, decide again.
                LogVersionConflict(logger, CampaignId.ForDisplay(campaignId), wanted, conflicts + 1);
                if (conflicts + 1 >= Options.MaxVersionConflicts)
                {
                    throw new CampaignApiException(
                        $"Genesys Cloud campaign {CampaignId.ForDisplay(campaignId)} changed under each of {conflicts + 1} attempts to turn it {wanted}; tried again later.", response.StatusCode, isTransient: true);
                }

                body = null;
                continue;
            }

            if (response.StatusCode == HttpStatusCode.BadRequest && refusal!.IsInvalidTransition)
            {
                // The platform will not go there from where the campaign is: read it back and classify, never loop.
                var back = await ReadAsync(campaignId, cancellationToken).ConfigureAwait(false);
                if (back is null)
                {
                    return new StatusChange(StatusChangeOutcome.Gone, null);
                }

                var outcome = Decide(back.Status, target) == Step.AlreadyThere ? StatusChangeOutcome.AlreadyInStatus : StatusChangeOutcome.Conflict;
                LogInvalidTransition(logger, CampaignId.ForDisplay(campaignId), wanted, back.Status, outcome);
                return new StatusChange(outcome, back.ToCampaign(Options.RegionFromDivision), unanswered);
            }

            await CampaignHttp.EnsureSuccessAsync(response, $"campaign status change{(refusal is null ? "" : $" ({refusal.Code})")}").ConfigureAwait(false);
        }
    }

    /// <summary>What to do from <paramref name="status"/> to reach <paramref name="target"/>.</summary>
    private static Step Decide(string status, CampaignStatus target) => (target, status.Trim().ToLowerInvariant()) switch
    {
        (CampaignStatus.Paused, Off or Stopping) => Step.AlreadyThere, // stopping is an off in progress
        (CampaignStatus.Paused, On) => Step.Put,
        (CampaignStatus.Running, On) => Step.AlreadyThere,
        (CampaignStatus.Running, Off) => Step.Put,
        (CampaignStatus.Running, Stopping) => Step.WaitToSettle,
        _ => Step.Refuse, // complete, invalid, forced_off, forced_stopping, or a word we do not know
    };

    private enum Step { Put, AlreadyThere, Refuse, WaitToSettle }

    /// <summary>The campaign's URI; an unsafe id or one that is not a GUID is refused before any request.</summary>
    private Uri CampaignUri(string campaignId)
    {
        var segment = CampaignId.ToPathSegment(campaignId);
        if (!GenesysCampaignId.Form.Fits(campaignId, out var reason))
        {
            throw new CampaignApiException($"Campaign {CampaignId.ForDisplay(campaignId)} is refused without a request: {reason}.");
        }

        return new Uri(Options.ApiUri, $"{CampaignsPath}/{segment}");
    }

    private async Task<GenesysCampaignBody?> ReadAsync(string campaignId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, CampaignUri(campaignId));
        using var response = await CampaignHttp.SendAsync(httpClientFactory, ClientName, request, "campaign read", cancellationToken).ConfigureAwait(false);
        if (CampaignHttp.IsNotFound(response))
        {
            bodies.Forget(campaignId);
            return null;
        }

        await CampaignHttp.EnsureSuccessAsync(response, "campaign read").ConfigureAwait(false);
        var body = GenesysCampaignBody.From(await ReadNodeAsync(response, "campaign", cancellationToken).ConfigureAwait(false));
        if (body is null || body.Id != campaignId)
        {
            throw new CampaignApiException("The Genesys Cloud campaign read answered with another campaign or none.", response.StatusCode);
        }

        bodies.Remember(body);
        return body;
    }

    private async Task<CampaignPage> ReadPageAsync(int page, int? expectedPages, CancellationToken cancellationToken)
    {
        var what = expectedPages is null ? $"campaign listing (page {page})" : $"campaign listing (page {page} of {expectedPages})";
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Options.ApiUri, $"{CampaignsPath}?pageSize={Options.PageSize}&pageNumber={page}"));
            using var response = await CampaignHttp.SendAsync(httpClientFactory, ClientName, request, what, cancellationToken).ConfigureAwait(false);
            await CampaignHttp.EnsureSuccessAsync(response, what).ConfigureAwait(false);
            var node = await ReadNodeAsync(response, what, cancellationToken).ConfigureAwait(false);
            if (node is not JsonObject listing || listing["entities"] is not JsonArray entities
                || !TryInt(listing["pageNumber"], out var pageNumber) || !TryInt(listing["pageCount"], out var pageCount) || !TryInt(listing["total"], out var total))
            {
                throw new CampaignListingException($"The {what} is not a Genesys Cloud campaign listing (entities, pageNumber, pageCount, total).");
            }

            if (pageNumber != page)
            {
                throw new CampaignListingException($"The {what} answered with page {pageNumber}.");
            }

            var listed = entities.Select(GenesysCampaignBody.From).ToList();
            if (listed.Any(b => b is null))
            {
                throw new CampaignListingException($"The {what} holds an entity that is not a campaign.");
            }

            return new CampaignPage(pageCount, total, listed!);
        }
        catch (CampaignApiException ex) when (ex is not CampaignListingException and not CampaignAuthenticationException)
        {
            throw new CampaignListingException($"The Genesys Cloud campaign listing is incomplete: {ex.Message}", ex);
        }
    }

    private static async Task<GenesysCampaignBody?> AnsweredBodyAsync(HttpResponseMessage response, string campaignId, CancellationToken cancellationToken)
    {
        try
        {
            var body = GenesysCampaignBody.From(await ReadNodeAsync(response, "status change answer", cancellationToken).ConfigureAwait(false));
            return body?.Id == campaignId ? body : null;
        }
        catch (CampaignApiException)
        {
            return null;
        }
    }

    private static bool TryInt(JsonNode? node, out int value)
    {
        value = 0;
        return node is JsonValue number && number.GetValueKind() == JsonValueKind.Number && number.TryGetValue(out value);
    }

    private static async Task<JsonNode?> ReadNodeAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new CampaignApiException($"The {what} is not the JSON Genesys Cloud answers with (at {ex.Path ?? "$"}, line {ex.LineNumber}).", response.StatusCode, inner: ex);
        }
    }

    /// <summary>Genesys Cloud's error document (<c>{"message","code","status"}</c>); an unreadable one reads as empty.</summary>
    private static async Task<Refusal> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var node = await ReadNodeAsync(response, "error", cancellationToken).ConfigureAwait(false);
            return new Refusal(Field(node, "code"), Field(node, "message"));
        }
        catch (CampaignApiException)
        {
            return new Refusal("", "");
        }

        static string Field(JsonNode? node, string name) =>
            node is JsonObject error && error[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : "";
    }

    private sealed record Refusal(string Code, string Message)
    {
        public bool IsInvalidTransition => Message.Contains("invalid transition", StringComparison.OrdinalIgnoreCase);

        // "version ... does not match" or a code such as "version.mismatch": the 400 Genesys Cloud sometimes sends for a stale version.
        public bool IsVersionMismatch =>
            !IsInvalidTransition && $"{Code} {Message}".Contains("version", StringComparison.OrdinalIgnoreCase)
            && ($"{Code} {Message}".Contains("match", StringComparison.OrdinalIgnoreCase) || $"{Code} {Message}".Contains("stale", StringComparison.OrdinalIgnoreCase));
    }

    private sealed record CampaignPage(int PageCount, int Total, IReadOnlyList<GenesysCampaignBody> Entities);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listed {CampaignCount} Genesys Cloud campaigns in {PageCount} page(s)")]
    private static partial void LogListed(ILogger logger, int campaignCount, int pageCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} changed since it was read (conflict {Conflict}) while turning it {Target}: reading it again")]
    private static partial void LogVersionConflict(ILogger logger, string campaignId, string target, int conflict);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} is {Actual}; not turned {Target}")]
    private static partial void LogNotForced(ILogger logger, string campaignId, string target, string actual);

    [LoggerMessage(Level = LogLevel.Information, Message = "Invalid transition for campaign {CampaignId} turning it {Target}: it is {Actual}, so {Outcome}")]
    private static partial void LogInvalidTransition(ILogger logger, string campaignId, string target, string actual, StatusChangeOutcome outcome);
}
