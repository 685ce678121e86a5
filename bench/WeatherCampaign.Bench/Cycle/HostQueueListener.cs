using System.Diagnostics;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Bench.Cycle;

/// <summary>What draining the interventions queue did.</summary>
internal sealed record DrainResult(int Handled, int Failed, int MaxInFlight, IReadOnlyDictionary<AuditOutcome, int> Outcomes, string? FirstError);

/// <summary>
/// Does what the Functions host does with the cycle's output: the messages go onto the <c>interventions</c> queue while a
/// listener takes them off as the WebJobs queue listener does for one instance (fetch <c>batchSize</c> messages, run them
/// side by side, fetch again when no more than <c>newBatchThreshold</c> are still running; so at most batchSize +
/// newBatchThreshold in flight), applies each through <see cref="ApplyInterventionHandler"/> and deletes it.
/// Unlike the host it polls an empty queue every 5 ms instead of backing off up to <c>maxPollingInterval</c>.
/// </summary>
internal static class HostQueueListener
{
    public static async Task<DrainResult> RunAsync(
        QueueClient queue, ApplyInterventionHandler apply, IReadOnlyList<string> messages, int batchSize, int newBatchThreshold, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        var ct = bounded.Token;

        // The host's output binding sends the cycle's messages; the listener does not wait for all of them.
        var enqueue = Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            async (message, token) => await queue.SendMessageAsync(message, cancellationToken: token).ConfigureAwait(false));

        var outcomes = new Dictionary<AuditOutcome, int>();
        var inFlight = new List<Task<(AuditOutcome? Outcome, string? Error)>>();
        var (handled, failed, maxInFlight) = (0, 0, 0);
        string? firstError = null;
        while (handled + failed < messages.Count)
        {
            ct.ThrowIfCancellationRequested();
            if (enqueue.IsFaulted)
            {
                await enqueue.ConfigureAwait(false);
            }

            var fetched = 0;
            if (inFlight.Count <= newBatchThreshold)
            {
                var batch = (await queue.ReceiveMessagesAsync(batchSize, TimeSpan.FromMinutes(5), ct).ConfigureAwait(false)).Value;
                foreach (var message in batch)
                {
                    inFlight.Add(HandleAsync(queue, apply, message, ct));
                }

                fetched = batch.Length;
                maxInFlight = Math.Max(maxInFlight, inFlight.Count);
            }
            if (fetched > 0 && inFlight.Count <= newBatchThreshold)
            {
                continue;
            }

            if (inFlight.Count == 0)
            {
                await Task.Delay(5, ct).ConfigureAwait(false);
                continue;
            }

            // Wake when one finishes, or after 5 ms to poll for messages that arrived meanwhile.
            if (fetched == 0 && inFlight.Count <= newBatchThreshold)
            {
                await Task.WhenAny(Task.WhenAny(inFlight), Task.Delay(5, ct)).ConfigureAwait(false);
            }
            else
            {
                await Task.WhenAny(inFlight).ConfigureAwait(false);
            }

            for (var i = inFlight.Count - 1; i >= 0; i--)
            {
                if (!inFlight[i].IsCompleted)
                {
                    continue;
                }

                var (outcome, error) = await inFlight[i].ConfigureAwait(false);
                inFlight.RemoveAt(i);
                if (outcome is { } o)
                {
                    handled++;
                    outcomes[o] = outcomes.GetValueOrDefault(o) + 1;
                }
                else
                {
                    failed++;
                    firstError ??= error;
                }
            }
        }
        await enqueue.ConfigureAwait(false);
        return new DrainResult(handled, failed, maxInFlight, outcomes, firstError);
    }

    /// <summary>
    /// The same drain with the queue in process memory (<c>--storage memory</c>): the cycle's messages are applied with as
    /// many in flight as one host instance allows (batchSize + newBatchThreshold), so only the campaign API limits the pace.
    /// </summary>
    public static async Task<DrainResult> RunInMemoryAsync(
        ApplyInterventionHandler apply, IReadOnlyList<string> messages, int inFlightLimit, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        var outcomes = new System.Collections.Concurrent.ConcurrentDictionary<AuditOutcome, int>();
        var (failed, inFlight, maxInFlight) = (0, 0, 0);
        string? firstError = null;
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = inFlightLimit, CancellationToken = bounded.Token },
            async (message, token) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref maxInFlight, now);
                try
                {
                    var outcome = await apply.HandleAsync(message, 1, token).ConfigureAwait(false);
                    outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstError, ex.GetType().Name + ": " + ex.Message, null);
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            }).ConfigureAwait(false);
        return new DrainResult(messages.Count - failed, failed, maxInFlight, new Dictionary<AuditOutcome, int>(outcomes), firstError);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    private static async Task<(AuditOutcome?, string?)> HandleAsync(QueueClient queue, ApplyInterventionHandler apply, QueueMessage message, CancellationToken ct)
    {
        try
        {
            var outcome = await apply.HandleAsync(message.MessageText, message.DequeueCount, ct).ConfigureAwait(false);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct).ConfigureAwait(false);
            return (outcome, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The host would let it reappear after the visibility timeout; the benchmark counts it as not done.
            Debug.WriteLine(ex);
            return (null, ex.GetType().Name + ": " + ex.Message);
        }
    }
}
