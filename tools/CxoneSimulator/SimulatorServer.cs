using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CxoneSimulator;

/// <summary>A running simulator on 127.0.0.1, in-process for tests or hosted by the standalone program.</summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _stopped;

    private SimulatorServer(WebApplication app, SimulatorState state, Uri baseUrl)
    {
        _app = app;
        State = state;
        BaseUrl = baseUrl;
    }

    /// <summary>The tenant base URL, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The tenant base URL without a trailing slash, e.g. <c>http://127.0.0.1:54321</c>.</summary>
    public string BaseAddress => BaseUrl.GetLeftPart(UriPartial.Authority);

    public SimulatorState State { get; }

    /// <summary>Starts a simulator on <c>http://127.0.0.1:{port}</c> (0 = a free port) with the system clock.</summary>
    public static Task<SimulatorServer> StartAsync(SimulatorSeed seed, int port = 0, CancellationToken ct = default) =>
        StartAsync(seed, TimeProvider.System, port, ct);

    /// <summary>Starts a simulator whose clocks (token expiry, rate bucket, Last-Modified) follow <paramref name="timeProvider"/>.</summary>
    public static async Task<SimulatorServer> StartAsync(SimulatorSeed seed, TimeProvider timeProvider, int port = 0, CancellationToken ct = default)
    {
        var state = new SimulatorState(seed, timeProvider);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SimulatorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.ConfigureHttpJsonOptions(options => SimulatorJson.Configure(options.SerializerOptions));
        builder.Services.AddSingleton(state);

        // Only the address given here is bound, whatever ASPNETCORE_URLS says.
        builder.WebHost.UseUrls();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));

        var app = builder.Build();
        app.UseRouting();
        app.UseMiddleware<RequestPipeline>();
        TokenEndpoint.Map(app);
        CampaignEndpoints.Map(app);
        FeedEndpoint.Map(app);
        OpenFema.OpenFemaEndpoint.Map(app);
        Genesys.GenesysEndpoints.Map(app);
        ControlEndpoints.Map(app);
        CxoneAdmin.AdminAuthEndpoints.Map(app);
        CxoneAdmin.AdminSkillEndpoints.Map(app);
        Webhooks.WebhookEndpoints.Map(app);

        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new SimulatorServer(app, state, new Uri(address));
    }

    public async Task StopAsync(CancellationToken ct = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _app.StopAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C, SIGTERM).</summary>
    internal Task WaitForShutdownAsync(CancellationToken ct = default) => _app.WaitForShutdownAsync(ct);
}
