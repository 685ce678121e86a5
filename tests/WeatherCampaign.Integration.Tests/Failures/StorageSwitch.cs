using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace WeatherCampaign.Integration.Tests.Failures;

/// <summary>
/// A loopback TCP relay in front of the shared Azurite's table endpoint that a test can switch off (every open connection is cut
/// and new ones are closed at once) and on again, so one running service sees its storage go away and come back.
/// </summary>
internal sealed partial class StorageSwitch : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly Task _accepting;
    private volatile bool _down;

    public StorageSwitch(string connectionString)
    {
        _targetPort = int.Parse(TableEndpoint().Match(connectionString).Groups["port"].Value);
        _listener.Start();
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        ConnectionString = TableEndpoint().Replace(connectionString, m => m.Value.Replace(":" + _targetPort + "/", ":" + port + "/"));
        _accepting = AcceptAsync();
    }

    /// <summary>The storage connection string with the table endpoint going through this switch.</summary>
    public string ConnectionString { get; }

    public void Down()
    {
        _down = true;
        lock (_open)
        {
            foreach (var client in _open)
            {
                client.Dispose();
            }

            _open.Clear();
        }
    }

    public void Up() => _down = false;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try { inbound = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            if (_down)
            {
                inbound.Client.LingerState = new LingerOption(true, 0); // a reset, like a storage account that is gone
                inbound.Dispose();
                continue;
            }
            _ = RelayAsync(inbound);
        }
    }

    private async Task RelayAsync(TcpClient inbound)
    {
        var outbound = new TcpClient();
        lock (_open) { _open.Add(inbound); _open.Add(outbound); }
        try
        {
            await outbound.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            using var a = inbound.GetStream();
            using var b = outbound.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, _stop.Token), b.CopyToAsync(a, _stop.Token));
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // A connection cut by Down() or by either side.
        }
        finally
        {
            inbound.Dispose();
            outbound.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Down();
        await _accepting;
    }

    [GeneratedRegex(@"TableEndpoint=http://127\.0\.0\.1:(?<port>\d+)/")]
    private static partial Regex TableEndpoint();
}
