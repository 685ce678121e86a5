using System.Net;
using System.Net.Sockets;
using System.Text;
using CxoneSimulator;
using Microsoft.Extensions.Configuration;
using WeatherCampaign.Cli;

namespace WeatherCampaign.Dashboard.Tests;

/// <summary>
/// A simulated tenant and feed, the shared Azurite, and <c>weathercampaign dashboard --port N</c> run in-process on settings
/// pointing at both, as an operator runs it; disposing stops the command (its Ctrl+C) and the simulator.
/// </summary>
internal sealed class DashboardSession : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task<int>? _command;

    private DashboardSession(SimulatorServer simulator, Dictionary<string, string?> settings)
    {
        Simulator = simulator;
        Settings = settings;
    }

    public SimulatorServer Simulator { get; }

    public Dictionary<string, string?> Settings { get; }

    public Uri Address { get; private set; } = null!;

    public static async Task<DashboardSession> StartAsync(IEnumerable<CampaignEntity> campaigns, string feed, Action<Dictionary<string, string?>>? settings = null)
    {
        var (simulator, values) = await SimulatedTenant.StartAsync(campaigns, feed, "(WeatherCampaign page tests, ops@example.com)");
        settings?.Invoke(values);
        return new DashboardSession(simulator, values);
    }

    public void SetFeed(string feed) => Simulator.State.SetFeed("nws", feed, NwsFeed.ContentType);

    /// <summary>Runs another command of the tool (<c>run</c>, <c>holds</c>) on the same settings.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, output, Overrides(), CancellationToken.None);
        return (exitCode, output.ToString());
    }

    /// <summary>Starts <c>dashboard --port N</c> and returns once it says where it serves.</summary>
    public async Task<Uri> ServeAsync()
    {
        var port = FreeLoopbackPort();
        var output = new SignallingWriter("Status page: ");
        _command = CliApp.RunAsync(["dashboard", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], output, Overrides(), _stop.Token);
        var first = await Task.WhenAny(output.Seen, _command);
        if (first == _command)
        {
            Assert.Fail($"'dashboard' ended before serving (exit {await _command}):\n{output}");
        }

        Address = new Uri($"http://127.0.0.1:{port}/");
        return Address;
    }

    private IConfiguration Overrides() => new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_command is not null)
        {
            Assert.AreEqual(0, await _command, "'dashboard' stops cleanly on Ctrl+C");
        }

        _stop.Dispose();
        await Simulator.DisposeAsync();
    }

    /// <summary>Completes <see cref="Seen"/> when a line starting with the marker is written.</summary>
    private sealed class SignallingWriter(string marker) : StringWriter
    {
        private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Seen => _seen.Task;

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            base.Write(value);
            Check();
        }

        public override void Write(char[] buffer, int index, int count)
        {
            base.Write(buffer, index, count);
            Check();
        }

        public override void Write(string? value)
        {
            base.Write(value);
            Check();
        }

        private void Check()
        {
            if (ToString().Contains(marker, StringComparison.Ordinal) && ToString().EndsWith('\n'))
            {
                _seen.TrySetResult();
            }
        }
    }
}
