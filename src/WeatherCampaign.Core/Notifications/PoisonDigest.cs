using Microsoft.Extensions.Options;

namespace WeatherCampaign.Core.Notifications;

/// <summary>
/// Gathers the interventions the queue gives up on into one notice per <c>Notify:PoisonDigestWindow</c>: a tenant down for good
/// poisons a whole cycle's messages within seconds of each other, and the channel should get one message, not one per campaign.
/// The first poisoned message opens a window; when it closes (on the service's clock) one notice lists them all. Whatever is still
/// gathered when the process stops is sent then.
/// </summary>
public sealed class PoisonDigest : IAsyncDisposable
{
    private readonly Notifier _notifier;
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly Lock _gate = new();
    private readonly ITimer _timer;
    private List<PoisonedIntervention> _gathered = [];
    private Task _sending = Task.CompletedTask;

    public PoisonDigest(Notifier notifier, IOptions<NotifyOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _notifier = notifier;
        _time = timeProvider;
        _window = options.Value.PoisonDigestWindow;
        _timer = timeProvider.CreateTimer(static state => ((PoisonDigest)state!).Flush(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Adds one poisoned intervention; returns at once (the notice goes when the window closes).</summary>
    public void Add(PoisonedIntervention poisoned)
    {
        if (!_notifier.IsConfigured)
        {
            return;
        }

        lock (_gate)
        {
            _gathered.Add(poisoned);
            if (_gathered.Count == 1)
            {
                _timer.Change(_window, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Sends what is gathered now; the task completes when every notice so far has been tried.</summary>
    public Task FlushAsync()
    {
        Flush();
        lock (_gate)
        {
            return _sending;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await FlushAsync().ConfigureAwait(false);
        await _timer.DisposeAsync().ConfigureAwait(false);
    }

    private void Flush()
    {
        lock (_gate)
        {
            if (_gathered.Count == 0)
            {
                return;
            }

            var notice = Notice.ForPoisoned(_gathered, _time.GetUtcNow());
            _gathered = [];
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            var previous = _sending;
            // The notifier never throws and is bounded by Notify:Timeout, so the chain always moves on.
            _sending = Task.Run(async () =>
            {
                await previous.ConfigureAwait(false);
                await _notifier.SendAsync(notice).ConfigureAwait(false);
            });
        }
    }
}
