using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace CxoneSimulator.Tests;

/// <summary>A simulator on loopback with a fake clock, and an HttpClient that speaks the campaign API to it.</summary>
internal sealed class Tenant : IAsyncDisposable
{
    public const string RunningId = "camp-1000-running";
    public const string OtherRunningId = "camp-1001-running";
    public const string PausedId = "camp-2000-paused";
    public const string DraftId = "camp-3000-draft";
    public const string CompletedId = "camp-4000-completed";
    public const string ArchivedId = "camp-5000-archived";
    public const string SlashId = "camp-6000/odd";
    public const string ReaderId = "reader";
    public const string ReaderSecret = "reader-secret";
    public const string ScopelessId = "scopeless";
    public const string ScopelessSecret = "scopeless-secret";

    private Tenant(SimulatorServer server, FakeTimeProvider time)
    {
        Server = server;
        Time = time;
        Http = new HttpClient { BaseAddress = server.BaseUrl };
    }

    public SimulatorServer Server { get; }

    public SimulatorState State => Server.State;

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    public static SimulatorSeed DefaultSeed { get; } = new()
    {
        Clients =
        [
            new SeedClient(SimulatorSeed.LocalClientId, SimulatorSeed.LocalClientSecret, [SimulatorSeed.ReadScope, SimulatorSeed.WriteScope]),
            new SeedClient(ReaderId, ReaderSecret, [SimulatorSeed.ReadScope]),
            new SeedClient(ScopelessId, ScopelessSecret, []),
        ],
        TokenLifetimeSeconds = 600,
        Campaigns =
        [
            CampaignEntity.Create(RunningId, "Northeast Outreach 0001", CampaignEntity.Running, "US-NE", "America/New_York"),
            CampaignEntity.Create(OtherRunningId, "New York Renewals 0002", CampaignEntity.Running, "US-NY", "America/New_York"),
            CampaignEntity.Create(PausedId, "Florida Surveys 0003", CampaignEntity.Paused, "US-FL,US-GA"),
            CampaignEntity.Create(DraftId, "Texas Prep 0004", CampaignEntity.Draft, "US-TX"),
            CampaignEntity.Create(CompletedId, "California Q2 0005", CampaignEntity.Completed, "US-CA"),
            CampaignEntity.Create(ArchivedId, "Carolinas Legacy 0006", "archived", "US-NC"),
            CampaignEntity.Create(SlashId, "Odd Id 0007", CampaignEntity.Running, "US-NE"),
        ],
    };

    public static async Task<Tenant> StartAsync(SimulatorSeed? seed = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 15, 12, 0, 0, TimeSpan.Zero));
        return new Tenant(await SimulatorServer.StartAsync(seed ?? DefaultSeed, time), time);
    }

    public static string CampaignPath(string id) => "api/v2/outbound/campaigns/" + Uri.EscapeDataString(id);

    public Task<HttpResponseMessage> RequestTokenAsync(
        string clientId = SimulatorSeed.LocalClientId,
        string secret = SimulatorSeed.LocalClientSecret,
        string grantType = "client_credentials",
        string? scope = null)
    {
        var fields = new Dictionary<string, string> { ["grant_type"] = grantType, ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null)
        {
            fields["scope"] = scope;
        }

        return Http.PostAsync("oauth2/token", new FormUrlEncodedContent(fields));
    }

    public async Task<string> TokenAsync(string clientId = SimulatorSeed.LocalClientId, string secret = SimulatorSeed.LocalClientSecret)
    {
        using var response = await RequestTokenAsync(clientId, secret);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? token) => Http.SendAsync(Request(HttpMethod.Get, path, token));

    public Task<HttpResponseMessage> PatchAsync(string id, string status, string? token) =>
        PatchAsync(id, JsonContent.Create(new { status }), token);

    public Task<HttpResponseMessage> PatchAsync(string id, HttpContent content, string? token)
    {
        var request = Request(HttpMethod.Patch, CampaignPath(id), token);
        request.Content = content;
        return Http.SendAsync(request);
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string? token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    /// <summary>Sends a request line byte for byte, since HttpClient would normalize dot segments away.</summary>
    public async Task<int> SendRawAsync(string method, string rawTarget, string? token = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Server.BaseUrl.Host, Server.BaseUrl.Port);
        await using var stream = tcp.GetStream();
        var head = new StringBuilder()
            .Append($"{method} {rawTarget} HTTP/1.1\r\n")
            .Append($"Host: {Server.BaseUrl.Authority}\r\n")
            .Append("Accept: application/json\r\n")
            .Append(token is null ? string.Empty : $"Authorization: Bearer {token}\r\n")
            .Append("Content-Length: 0\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync() ?? throw new IOException("No answer.");
        return int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
