using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Spectre.Console;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Cli.Commands;

/// <summary>
/// One full cycle through the functions' code path, in one process: <see cref="PollWeatherHandler"/> plans, each message goes
/// onto the <c>interventions</c> queue (Base64, as the host expects), and is then received and applied by
/// <see cref="ApplyInterventionHandler"/> with bounded concurrency. Failure handling mirrors the host (host.json): a message whose
/// handler throws is left on the queue to reappear after the retry delay; after the last allowed delivery it goes to the poison
/// queue and is recorded by <see cref="RecordPoisonedInterventionHandler"/>.
/// </summary>
internal sealed class CycleRunner(
    PollWeatherHandler poll,
    ApplyInterventionHandler apply,
    RecordPoisonedInterventionHandler poisoned,
    StorageClients storage,
    QueueDeliveryOptions delivery)
{
    /// <summary>host.json's <c>maxDequeueCount</c> (or its app-setting override), the same the handler's "attempt n of m" reads.</summary>
    private int MaxDequeueCount => delivery.MaxDequeueCount;

    /// <summary>host.json's <c>visibilityTimeout</c>: how long a failed message stays hidden before its retry.</summary>
    private TimeSpan RetryDelay => delivery.VisibilityTimeout;

    /// <summary>How long a received message stays hidden from other consumers while this process applies it.</summary>
    public static readonly TimeSpan ProcessingTimeout = TimeSpan.FromMinutes(5);

    private const int ReceiveBatch = 32;

    /// <summary>
    /// Sends at once: each is a few milliseconds, so a handful keeps far ahead of any tenant's pace, while a flood of sends
    /// would queue the apply loop's own storage reads behind it (and delay the first change).
    /// </summary>
    private const int SendsInFlight = 4;
    private readonly Lock _gate = new();

    /// <param name="output">Where the plan's summary and one line per intervention applied go.</param>
    /// <param name="progress">
    /// A console to show a live progress bar (applied/total) on while the interventions are applied, the lines going above it;
    /// null for the lines alone (redirected output, <c>--verbose</c>, the tests).
    /// </param>
    public async Task<CycleRunResult> RunAsync(CycleRequest request, int concurrency, TextWriter output, IAnsiConsole? progress, CancellationToken cancellationToken)
    {
        var cycle = await poll.RunAsync(request, cancellationToken).ConfigureAwait(false);
        var outcomes = new Dictionary<AuditOutcome, int>();
        if (cycle.Messages.Count == 0)
        {
            PlanReport.WriteSummary(cycle.Plan, cycle.DryRun, output);
            return new CycleRunResult(cycle, outcomes, 0, 0);
        }

        var queue = storage.Queue(InterventionQueues.Name);
        var ours = cycle.Plan.Interventions.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var sent = new SendSignal();
        using var stopSending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The sends start before the summary is printed: a long summary on a slow terminal must not delay the first pause.
        var applying = new Applying(ours, outcomes, SendAsync(queue, cycle.Messages, sent, stopSending.Token), sent);
        try
        {
            PlanReport.WriteSummary(cycle.Plan, cycle.DryRun, output);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Applying {ours.Count} interventions from queue '{InterventionQueues.Name}', {concurrency} at a time:"));
            if (progress is null)
            {
                await ApplyAsync(queue, applying, concurrency, output, applied: null, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await progress.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async context =>
                    {
                        var bar = context.AddTask(Applied(0, ours.Count), maxValue: ours.Count);
                        await ApplyAsync(queue, applying, concurrency, TerminalConsole.Lines(progress), done =>
                        {
                            bar.Description = Applied(done, ours.Count);
                            bar.Increment(1);
                        }, cancellationToken).ConfigureAwait(false);
                        bar.StopTask();
                    }).ConfigureAwait(false);
            }
        }
        catch
        {
            // The run fails here, and the sends still going stop before it returns: what they put on the queue already waits
            // for the Functions host or the next run, as after any run that failed part of the way.
            await stopSending.CancelAsync().ConfigureAwait(false);
            await applying.Sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        // Everything sent was received (or the queue ran dry after the last send); a failed send fails the run here.
        await applying.Sending.ConfigureAwait(false);
        int unseen;
        lock (_gate)
        {
            unseen = applying.Remaining.Count;
        }

        return new CycleRunResult(cycle, outcomes, applying.Failed, unseen);
    }

    // Only the tool's own words and numbers: the description is read as markup.
    private static string Applied(int done, int total) => string.Create(CultureInfo.InvariantCulture, $"Applied {done}/{total}");

    /// <summary>
    /// Puts the cycle's messages on the queue while the apply loop already receives the first ones, as a Functions host's queue
    /// listener would: a big cycle's first pause then waits for one send, not for all of them.
    /// </summary>
    private static Task SendAsync(QueueClient queue, IReadOnlyList<string> messages, SendSignal sent, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(messages, Options(SendsInFlight, cancellationToken), async (message, ct) =>
        {
            await queue.SendMessageAsync(message, ct).ConfigureAwait(false);
            sent.Sent();
        });

    private async Task ApplyAsync(QueueClient queue, Applying applying, int concurrency, TextWriter output, Action<int>? applied, CancellationToken cancellationToken)
    {
        var total = applying.Ours.Count;
        await Parallel.ForEachAsync(ReceiveAsync(queue, applying, cancellationToken), Options(concurrency, cancellationToken), async (received, ct) =>
        {
            var (message, parsed) = received;
            var mine = parsed is not null && applying.Ours.Contains(parsed.Id);
            string line;
            try
            {
                var outcome = await apply.HandleAsync(message.Body.ToString(), message.DequeueCount, ct).ConfigureAwait(false);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct).ConfigureAwait(false);
                lock (_gate)
                {
                    applying.Outcomes[outcome] = applying.Outcomes.GetValueOrDefault(outcome) + 1;
                }

                line = $"{Action(parsed)} -> {outcome.ToWire(),-9} {Describe(parsed)}";
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref applying.Failed);
                line = $"{Action(parsed)} -> {"FAILED",-9} {Describe(parsed)}: {TerminalWriter.Quote(ex.Message.Split('\n', 2)[0].Trim(), 2 * TerminalWriter.MaxQuoted)} " +
                    await GiveBackAsync(queue, message, ct).ConfigureAwait(false);
            }
            var done = mine ? Interlocked.Increment(ref applying.Done) : 0;
            var position = mine ? done.ToString(CultureInfo.InvariantCulture) : "earlier";
            lock (_gate)
            {
                output.WriteLine($"[{position.PadLeft(total.ToString(CultureInfo.InvariantCulture).Length)}/{total}] {line}");
                if (mine)
                {
                    applied?.Invoke(done);
                }
            }
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Receives until every message of this cycle has been received, or the queue has nothing visible left once every send is
    /// done (another consumer, such as a running Functions host, may have taken some). While sends are still going, an empty
    /// receive waits for the next one. Messages of earlier runs met on the way are applied too, as the host would.
    /// </summary>
    private async IAsyncEnumerable<(QueueMessage Message, InterventionMessage? Parsed)> ReceiveAsync(
        QueueClient queue, Applying applying, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var remaining = applying.Remaining;
        while (true)
        {
            bool allReceived;
            lock (_gate)
            {
                allReceived = remaining.Count == 0;
            }

            if (allReceived)
            {
                yield break;
            }

            // Read before the receive: an empty answer to a receive sent after the last send means the queue is dry, and one sent
            // while sends go on waits for a send that completes after it began.
            var allSent = applying.Sending.IsCompleted;
            var nextSend = applying.Sent.Next;
            QueueMessage[] batch = (await queue.ReceiveMessagesAsync(ReceiveBatch, ProcessingTimeout, cancellationToken).ConfigureAwait(false)).Value;
            if (batch.Length == 0)
            {
                if (allSent)
                {
                    yield break;
                }

                await Task.WhenAny(applying.Sending, nextSend.WaitAsync(cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                continue;
            }

            foreach (var message in batch)
            {
                InterventionMessage? parsed = null;
                try
                {
                    parsed = InterventionMessage.Parse(message.Body.ToString());
                }
                catch (InvalidInterventionMessageException)
                {
                    // The handler rejects it with an audit row; it is still applied like any other message.
                }
                if (parsed is not null)
                {
                    lock (_gate)
                    {
                        remaining.Remove(parsed.Id);
                    }
                }
                yield return (message, parsed);
            }
        }
    }

    /// <summary>What the host does with a message whose function threw: hide it until its retry, or poison it after the last try.</summary>
    private async Task<string> GiveBackAsync(QueueClient queue, QueueMessage message, CancellationToken cancellationToken)
    {
        if (message.DequeueCount < MaxDequeueCount)
        {
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: RetryDelay, cancellationToken: cancellationToken).ConfigureAwait(false);
            return string.Create(CultureInfo.InvariantCulture,
                $"(attempt {message.DequeueCount} of {MaxDequeueCount}; left on the queue, retried after {RetryDelay.TotalSeconds:0} s by the Functions host or the next run)");
        }

        var poison = storage.Queue(InterventionQueues.PoisonName);
        await poison.SendMessageAsync(message.Body.ToString(), cancellationToken).ConfigureAwait(false);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        await poisoned.HandleAsync(message.Body.ToString(), message.DequeueCount, cancellationToken).ConfigureAwait(false);
        return string.Create(CultureInfo.InvariantCulture,
            $"(attempt {message.DequeueCount} of {MaxDequeueCount}; moved to '{InterventionQueues.PoisonName}' and recorded as failed)");
    }

    private static string Action(InterventionMessage? message) => $"{message?.Action ?? "?",-6}";

    private static string Describe(InterventionMessage? message) => message is null
        ? "(not a valid intervention message)"
        : $"{TerminalWriter.Quote(message.CampaignName)} ({CampaignId.ForDisplay(message.CampaignId)})";

    /// <summary>What one cycle's apply loop counts; the fields are shared by its parallel bodies (Interlocked, or under the gate).</summary>
    private sealed class Applying(HashSet<string> ours, Dictionary<AuditOutcome, int> outcomes, Task sending, SendSignal sent)
    {
        public int Done;
        public int Failed;

        public HashSet<string> Ours { get; } = ours;

        public HashSet<string> Remaining { get; } = new(ours, StringComparer.Ordinal);

        public Dictionary<AuditOutcome, int> Outcomes { get; } = outcomes;

        /// <summary>The cycle's messages going onto the queue (<see cref="SendAsync"/>); the receive loop ends only once it has.</summary>
        public Task Sending { get; } = sending;

        /// <summary>What an empty receive waits for while <see cref="Sending"/> goes on.</summary>
        public SendSignal Sent { get; } = sent;
    }

    /// <summary>
    /// The next send's completion. A receive takes <see cref="Next"/> before it goes out, so an empty answer waits for a message
    /// sent after that: a count of the sends so far (a semaphore) would let each empty receive through at once for every earlier
    /// send, and the loop would spin on receives while the last, slow send is still going.
    /// </summary>
    private sealed class SendSignal
    {
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Next => Volatile.Read(ref _next).Task;

        public void Sent() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private static ParallelOptions Options(int concurrency, CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
}
