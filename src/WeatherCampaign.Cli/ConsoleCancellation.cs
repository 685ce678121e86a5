using System.Runtime.InteropServices;

namespace WeatherCampaign.Cli;

/// <summary>
/// Ctrl+C and SIGTERM as one cancellation token, for a program (the tool, the demo) that stops what it started in its
/// finally blocks instead of being killed mid-step.
/// </summary>
public sealed class ConsoleCancellation : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration _sigterm;

    public ConsoleCancellation()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            _source.Cancel();
        });
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _sigterm.Dispose();
        _source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        _source.Cancel();
    }
}
