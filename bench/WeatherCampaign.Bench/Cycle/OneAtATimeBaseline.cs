using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace WeatherCampaign.Bench.Cycle;

/// <summary>What the one-at-a-time script did before it finished or hit its time cap.</summary>
internal sealed record BaselineResult(TimeSpan Elapsed, bool Capped, int PatchesSent, int Transitions);

/// <summary>
/// The strategy the service is measured against: a simple script that sends one request at a time through the same
/// <c>cxone</c> HttpClient pipeline (token, pacing, retries), reads the listing page after page, decides with the same region
/// rule (a running campaign in an alerted region is paused) and PATCHes the campaigns one after another. It writes no
/// ledger or audit rows, which favours it. It stops at <c>cap</c>; the caller extrapolates a capped run.
/// </summary>
internal static class OneAtATimeBaseline
{
    /// <summary>The production pipeline's named client (CxoneHttp.ClientName in Core).</summary>
    private const string ClientName = "cxone";

    public static async Task<BaselineResult> RunAsync(IHttpClientFactory factory, IReadOnlySet<string> alertedRegions, int pageSize, TimeSpan cap, CancellationToken cancellationToken)
    {
        var client = factory.CreateClient(ClientName);
        var clock = Stopwatch.StartNew();
        var toPause = new List<string>();
        var pageCount = 1;
        for (var page = 1; page <= pageCount; page++)
        {
            if (clock.Elapsed > cap)
            {
                return new BaselineResult(clock.Elapsed, true, 0, -1);
            }

            using var response = await client.GetAsync(string.Create(CultureInfo.InvariantCulture, $"api/v2/outbound/campaigns?page={page}&pageSize={pageSize}"), cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
            pageCount = body.RootElement.GetProperty("pageCount").GetInt32();
            foreach (var entity in body.RootElement.GetProperty("entities").EnumerateArray())
            {
                var region = entity.GetProperty("custom_attributes").GetProperty("region").GetString();
                if (entity.GetProperty("status").GetString() == "running" && region is not null && alertedRegions.Contains(region))
                {
                    toPause.Add(entity.GetProperty("id").GetString()!);
                }
            }
        }

        var sent = 0;
        foreach (var id in toPause)
        {
            if (clock.Elapsed > cap)
            {
                return new BaselineResult(clock.Elapsed, true, sent, toPause.Count);
            }

            using var response = await client.PatchAsJsonAsync("api/v2/outbound/campaigns/" + Uri.EscapeDataString(id), new { status = "paused" }, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            sent++;
        }
        return new BaselineResult(clock.Elapsed, false, sent, toPause.Count);
    }
}
