using System.Text;

namespace WeatherCampaign.Cli.Tests;

/// <summary>A writer that keeps what it was given and completes a signal once the text says what a test waits for.</summary>
internal sealed class WatchedWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly List<(Func<string, bool> Done, TaskCompletionSource Signal)> _waits = [];

    public override Encoding Encoding => Encoding.UTF8;

    public string Text { get { lock (_text) { return _text.ToString(); } } }

    /// <summary>Completes when the text written so far satisfies <paramref name="done"/> (checked at each write, not polled).</summary>
    public Task WhenAsync(Func<string, bool> done, TimeSpan within)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_text)
        {
            if (done(_text.ToString()))
            {
                return Task.CompletedTask;
            }

            _waits.Add((done, signal));
        }
        return signal.Task.WaitAsync(within);
    }

    public override void Write(char value) => Append(value.ToString());

    public override void Write(string? value) => Append(value ?? "");

    public override void Write(char[] buffer, int index, int count) => Append(new string(buffer, index, count));

    private void Append(string value)
    {
        lock (_text)
        {
            _text.Append(value);
            var text = _text.ToString();
            foreach (var wait in _waits.Where(w => w.Done(text)).ToList())
            {
                wait.Signal.TrySetResult();
                _waits.Remove(wait);
            }
        }
    }
}
