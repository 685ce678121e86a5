using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Planning;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Core.Operations;

/// <summary>Whether the service may change campaigns now, and what waits for it.</summary>
/// <param name="Halt">The operator's kill switch, when it is on.</param>
/// <param name="HaltedBySettings">Why the settings stop every change (<c>Policy:Halt</c>, a dry run), when they do.</param>
/// <param name="HaltedMessages">About how many messages wait in <c>interventions-halted</c>; null when this identity may not read the queue.</param>
public sealed record ServiceState(ServiceHalt? Halt, string? HaltedBySettings, int? HaltedMessages)
{
    public bool Halted => Halt is not null || HaltedBySettings is not null;
}

/// <summary>What a replay of the halted messages did.</summary>
/// <param name="Replayed">Messages put back on <c>interventions</c>, each to be admitted again as any message is.</param>
public sealed record HaltedReplay(int Replayed);

/// <summary>
/// The kill switch an operator throws at run time (<c>weathercampaign halt</c> / <c>resume-service</c>): a row in the ledger
/// table, read by the apply handler before every change, so it stops messages already queued or being retried on every
/// instance at once. Halted messages wait in <c>interventions-halted</c> until an operator replays them; each one is then
/// admitted afresh (its planned row, <c>Policy:MaxMessageAge</c>, the exclusions), so a long halt replays no old weather.
/// </summary>
public class ServiceSwitch(HoldLedger ledger, AuditTrail audit, StorageClients storage, IOptionsMonitor<PolicyOptions> policy, TimeProvider timeProvider)
{
    public const int MaxReasonLength = 500;
    private const int ReceiveBatch = 32;

    public virtual async Task<ServiceState> StateAsync(CancellationToken cancellationToken = default)
    {
        var halt = await ledger.GetHaltAsync(cancellationToken).ConfigureAwait(false);
        int? waiting;
        try
        {
            waiting = (await storage.Queue(InterventionQueues.HaltedName).GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            waiting = 0; // nothing was ever halted here
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 403)
        {
            waiting = null; // an operator role for the ledger alone (infra/README.md, "Roles per task")
        }
        var settings = policy.CurrentValue;
        var bySettings = settings.Halt ? "Policy:Halt is on" : settings.Mode == PolicyMode.DryRun ? "Policy:Mode is DryRun" : null;
        return new ServiceState(halt, bySettings, waiting);
    }

    /// <summary>Turns the kill switch on, effective with the next message any instance takes.</summary>
    public virtual async Task<ServiceHalt> HaltAsync(string by, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var now = timeProvider.GetUtcNow();
        var halt = new ServiceHalt(by.Trim(), reason.Trim(), now);
        await ledger.SetHaltAsync(halt, cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(AuditRows.ServiceSwitch(AuditOutcome.ServiceHalted, "halt", $"Halted by {halt.By}: {halt.Reason}. No campaign is changed until 'resume-service'.", now), cancellationToken).ConfigureAwait(false);
        return halt;
    }

    /// <summary>Turns the kill switch off; false when it was not on. Halted messages stay where they are until <see cref="ReplayHaltedAsync"/>.</summary>
    public virtual async Task<bool> ResumeAsync(string by, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        var cleared = await ledger.ClearHaltAsync(cancellationToken).ConfigureAwait(false);
        if (cleared)
        {
            await audit.WriteAsync(AuditRows.ServiceSwitch(AuditOutcome.ServiceResumed, "resume-service", $"Resumed by {by.Trim()}: campaigns may be changed again.", timeProvider.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }

        return cleared;
    }

    /// <summary>
    /// Puts every halted message back on <c>interventions</c>, deliberately. Refused while the service is halted, since each
    /// would only be halted again.
    /// </summary>
    /// <exception cref="InvalidOperationException">The service is still halted.</exception>
    public virtual async Task<HaltedReplay> ReplayHaltedAsync(string by, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        var state = await StateAsync(cancellationToken).ConfigureAwait(false);
        if (state.Halted)
        {
            throw new InvalidOperationException(
                $"The service is still halted ({state.HaltedBySettings ?? $"by {state.Halt!.By}"}): a replayed message would only be halted again. Resume the service first.");
        }

        var halted = storage.Queue(InterventionQueues.HaltedName);
        var interventions = storage.Queue(InterventionQueues.Name);
        var replayed = 0;
        while (true)
        {
            QueueMessage[] batch = (await halted.ReceiveMessagesAsync(ReceiveBatch, TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false)).Value;
            if (batch.Length == 0)
            {
                break;
            }

            foreach (var message in batch)
            {
                // Sent before it is deleted: a failure in between leaves a copy in each queue, and the handler applies one.
                await interventions.SendMessageAsync(message.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
                replayed++;
                await halted.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
            }
        }

        await audit.WriteAsync(AuditRows.ServiceSwitch(AuditOutcome.ServiceResumed, "replay-halted",
            $"{by.Trim()} replayed {replayed} halted message(s) onto {InterventionQueues.Name}; each is admitted again (its planned row, Policy:MaxMessageAge, the exclusions).",
            timeProvider.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return new HaltedReplay(replayed);
    }
}
