using System.Globalization;
using System.Net;

namespace WeatherCampaign.Core.Dashboard;

/// <summary>
/// The status page on this machine (<c>weathercampaign dashboard</c>): an <see cref="HttpListener"/> on a loopback address
/// only, so nobody else on the network reaches it; the person is whoever runs it. The listener matches requests by the
/// address in its prefix, so a page opened under another host name (DNS rebinding) is not served.
/// </summary>
public sealed class LoopbackDashboardServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly DashboardEndpoint _endpoint;
    private readonly string _user;
    private readonly CancellationTokenSource _stop = new();
    private Task _serving = Task.CompletedTask;

    private LoopbackDashboardServer(DashboardEndpoint endpoint, string user, Uri address)
    {
        _endpoint = endpoint;
        _user = user;
        Address = address;
    }

    /// <summary>The page's address, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri Address { get; }

    /// <exception cref="ArgumentException">The address is not a loopback address.</exception>
    /// <exception cref="HttpListenerException">The port is taken or may not be used.</exception>
    public static LoopbackDashboardServer Start(DashboardEndpoint endpoint, IPAddress address, int port, string user)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(address);
        if (!IPAddress.IsLoopback(address))
        {
            throw new ArgumentException($"The status page is served on a loopback address only, not {address}.", nameof(address));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65_535);
        var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        var server = new LoopbackDashboardServer(endpoint, AppServiceUser.Clean(user) ?? "local user",
            new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}/")));
        server._listener.Prefixes.Add(server.Address.ToString());
        server._listener.Start();
        server._serving = server.ServeAsync();
        return server;
    }

    private async Task ServeAsync()
    {
        var inFlight = new List<Task>();
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                break;
            }

            inFlight.RemoveAll(t => t.IsCompleted);
            inFlight.Add(AnswerAsync(context));
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            string body;
            using (var reader = new StreamReader(request.InputStream, request.ContentEncoding))
            {
                body = await reader.ReadToEndAsync(_stop.Token).ConfigureAwait(false);
            }

            var query = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var key in request.QueryString.AllKeys)
            {
                if (key is not null && request.QueryString[key] is { } value)
                {
                    query[key] = value;
                }
            }

            var answer = await _endpoint.HandleAsync(new DashboardRequest(
                request.HttpMethod,
                Uri.UnescapeDataString(request.Url!.AbsolutePath.TrimStart('/')),
                query,
                request.Url.Authority,
                Https: false,
                request.Headers["Origin"],
                request.Headers["Cookie"],
                request.ContentType,
                body,
                _user), _stop.Token).ConfigureAwait(false);
            response.StatusCode = answer.Status;
            response.ContentType = answer.ContentType;
            foreach (var (name, value) in answer.Headers)
            {
                response.Headers[name] = value;
            }

            response.ContentLength64 = answer.Body.Length;
            await response.OutputStream.WriteAsync(answer.Body, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // Stopping: the browser sees the connection close.
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException)
        {
            // The browser went away mid-answer.
        }
        finally
        {
            response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Close();
        await _serving.ConfigureAwait(false);
        _stop.Dispose();
    }
}
