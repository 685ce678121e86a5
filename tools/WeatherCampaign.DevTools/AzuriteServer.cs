using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WeatherCampaign.DevTools;

/// <summary>
/// Azurite (the Azure Storage emulator) started from the repository's <c>node_modules</c> on free loopback ports,
/// in memory, and stopped on dispose. Readiness is read from Azurite's own "listening" lines, not guessed with a delay.
/// Each service runs in its own Node.js process, as a storage account's services are separate: in one process, one
/// thread served all three, and a busy cycle's table writes held its queue receives back (bench/README.md, "Cold run").
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    /// <summary>Azurite's published development account; a well-known emulator constant, not a secret.</summary>
    private const string DevAccount = "devstoreaccount1";
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The services, each with the line its process prints once it accepts requests.</summary>
    private static readonly (string Name, string Ready)[] Services =
    [
        ("blob", "successfully listens"),
        ("queue", "successfully listens"),
        ("table", "successfully started"),
    ];

    private readonly List<Process> _processes = [];
    private readonly StringBuilder _output = new();

    private AzuriteServer(int blobPort, int queuePort, int tablePort)
    {
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={DevAccount};AccountKey={DevKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/{DevAccount};QueueEndpoint=http://127.0.0.1:{queuePort}/{DevAccount};TableEndpoint=http://127.0.0.1:{tablePort}/{DevAccount};";
        TablePort = tablePort;
        QueuePort = queuePort;
    }

    public string ConnectionString { get; }
    public int TablePort { get; }
    public int QueuePort { get; }

    /// <summary>The folder holding <c>package.json</c> and <c>WeatherCampaign.Functions.sln</c>, found upwards from <paramref name="start"/>.</summary>
    public static string FindRepositoryRoot(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WeatherCampaign.Functions.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Could not find the repository root (WeatherCampaign.Functions.sln) above " + (start ?? AppContext.BaseDirectory));
    }

    /// <summary>Starts Azurite; installs it first with <c>npm ci</c> when the lockfile's packages are not there yet.</summary>
    public static async Task<AzuriteServer> StartAsync(string? repositoryRoot = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var root = repositoryRoot ?? FindRepositoryRoot();
        var entries = Path.Combine(root, "node_modules", "azurite", "dist", "src");
        if (!Services.All(service => File.Exists(Path.Combine(entries, service.Name, "main.js"))))
        {
            await RunAsync("npm", "ci --no-audit --no-fund", root, cancellationToken).ConfigureAwait(false);
        }

        if (Services.FirstOrDefault(service => !File.Exists(Path.Combine(entries, service.Name, "main.js"))) is { Name: { } missing })
        {
            throw new FileNotFoundException("Azurite is not installed: run 'npm ci' in the repository root.", Path.Combine(entries, missing, "main.js"));
        }

        var ports = FreePorts(Services.Length);
        var server = new AzuriteServer(ports[0], ports[1], ports[2]);
        var workspace = Path.Combine(Path.GetTempPath(), "weathercampaign-azurite-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(workspace);
        try
        {
            await Task.WhenAll(Services.Select((service, i) => server.StartServiceAsync(
                Path.Combine(entries, service.Name, "main.js"), service.Name, ports[i], service.Ready, workspace))
                ).WaitAsync(timeout ?? TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return server;
    }

    private Task StartServiceAsync(string entry, string service, int port, string readyLine, string workspace)
    {
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workspace,
        };
        foreach (var arg in new[]
        {
            entry, $"--{service}Host", "127.0.0.1", $"--{service}Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--inMemoryPersistence", "--skipApiVersionCheck",
            // No access log: a line per request costs the emulator's thread and ours, and would pile up in Output.
            "--silent",
        })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start node for Azurite's {service} service.");
        lock (_processes)
        {
            _processes.Add(process);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            Append(e.Data);
            if (e.Data.Contains(readyLine, StringComparison.OrdinalIgnoreCase))
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Append(e.Data);
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"Azurite's {service} service exited before it was ready:\n" + Output));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return ready.Task;
    }

    private void Append(string line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>What Azurite printed, for a failure message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<Process> processes;
        lock (_processes)
        {
            processes = [.. _processes];
        }

        foreach (var process in processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().ConfigureAwait(false);
            }
            process.Dispose();
        }
    }

    /// <summary>Distinct free ports: all are held open while they are picked, or two picks may name the same one.</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    private static async Task RunAsync(string file, string arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = workingDirectory, UseShellExecute = false })
            ?? throw new InvalidOperationException($"Could not start {file}.");
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {arguments}' failed with exit code {process.ExitCode}.");
        }
    }
}
