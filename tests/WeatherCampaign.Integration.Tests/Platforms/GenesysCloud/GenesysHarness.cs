using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CxoneSimulator;
using CxoneSimulator.Genesys;
using Microsoft.Extensions.DependencyInjection;
using WeatherCampaign.Core.Platforms.GenesysCloud;

namespace WeatherCampaign.Integration.Tests.Platforms.GenesysCloud;

/// <summary>The service with <c>Platform:Kind=genesys-cloud</c>, pointed at the simulator's Genesys Cloud org on loopback.</summary>
internal static class GenesysHarness
{
    public static async Task<ServiceHarness> StartAsync(
        IEnumerable<JsonObject> campaigns,
        Action<Dictionary<string, string?>>? settings = null,
        TimeProvider? time = null,
        Action<IServiceCollection>? services = null)
    {
        var harness = await ServiceHarness.StartAsync([], s =>
        {
            var simulator = s["Cxone:BaseUrl"];
            s["Platform:Kind"] = "genesys-cloud";
            s["GenesysCloud:LoginUrl"] = simulator + GenesysRoutes.LoginBase;
            s["GenesysCloud:ApiUrl"] = simulator + GenesysRoutes.ApiBase;
            s["GenesysCloud:ClientId"] = SimulatorSeed.LocalClientId;
            s["GenesysCloud:ClientSecret"] = SimulatorSeed.LocalClientSecret;
            // Tests run far above the published 5/s; GenesysCloudRateLimitTests keep the simulator's own limit.
            s["GenesysCloud:RequestsPerSecond"] = "1000";
            s["GenesysCloud:Burst"] = "100";
            s["GenesysCloud:MaxRetries"] = "3";
            s["GenesysCloud:AttemptTimeout"] = "00:00:02";
            s["GenesysCloud:TotalTimeout"] = "00:00:30";
            settings?.Invoke(s);
        }, time, services);
        harness.Simulator.State.Genesys.Seed(campaigns);
        return harness;
    }

    /// <summary>Campaign <paramref name="number"/> (id <see cref="GenesysCampaignFactory.IdFor"/>).</summary>
    public static JsonObject Campaign(int number, string name, string status = "on", string division = "Home") =>
        GenesysCampaignFactory.Create(number, name, status, division);

    public static string Id(int number) => GenesysCampaignFactory.IdFor(number);

    /// <summary>The Genesys requests the simulator saw since <paramref name="from"/> (an index into its log), as "METHOD endpoint status".</summary>
    public static List<string> Calls(this ServiceHarness harness, int from = 0) =>
        [.. harness.Simulator.State.Requests.Skip(from).Select(r => $"{r.Method} {r.Endpoint} {r.StatusCode}")];
}

/// <summary>What went over the wire on the <c>genesys-cloud</c> client, innermost: each request's authorization scheme and body.</summary>
internal sealed class GenesysWire
{
    private readonly ConcurrentQueue<(HttpMethod Method, string Path, string? Scheme, string? Parameter, string? Body)> _sent = new();

    public IReadOnlyList<(HttpMethod Method, string Path, string? Scheme, string? Parameter, string? Body)> Sent => [.. _sent];

    public Action<IServiceCollection> Install => services =>
        services.AddHttpClient(GenesysCloudClient.ClientName).AddHttpMessageHandler(() => new Recorder(this));

    private sealed class Recorder(GenesysWire wire) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            AuthenticationHeaderValue? auth = request.Headers.Authorization;
            wire._sent.Enqueue((request.Method, request.RequestUri!.AbsolutePath, auth?.Scheme, auth?.Parameter, body));
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
