using Microsoft.Extensions.Logging;
using WeatherCampaign.Core.Notifications;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Core.Interventions;

/// <summary>
/// The end of the retry road: a message the host gave up on (moved to <c>interventions-poison</c>) becomes a
/// <c>failed</c> audit row and an error log that monitoring alerts on. Nothing is silently dropped.
/// </summary>
public sealed partial class RecordPoisonedInterventionHandler(AuditTrail audit, PoisonDigest digest, TimeProvider timeProvider, ILogger<RecordPoisonedInterventionHandler> logger)
{
    public async Task HandleAsync(string body, long dequeueCount, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        const string detail = "Gave up after the queue's retries; the message is in interventions-poison and the campaign was not changed by it.";
        AuditRecord row;
        string shownId;
        try
        {
            var message = InterventionMessage.Parse(body);
            row = AuditRows.ForMessage(message, AuditOutcome.Failed, now, dequeueCount, null, detail);
            shownId = message.Id;
        }
        catch (InvalidInterventionMessageException ex)
        {
            row = AuditRows.PoisonedUnreadable(body, ex, detail, now, dequeueCount);
            shownId = "digest " + TableKeys.Digest(body);
        }
        await audit.WriteAsync(row, cancellationToken).ConfigureAwait(false);
        LogPoisoned(logger, shownId, row.CampaignId ?? "(unknown)", row.Action ?? "(unknown)");
        // Gathered with the others poisoned about the same time into one notice (Notify:PoisonDigestWindow).
        digest.Add(new PoisonedIntervention(row.MessageId, row.CycleId, row.CampaignId, row.CampaignName, row.Action));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Intervention failed for good: {MessageId} ({Action}) on campaign {CampaignId} reached the poison queue")]
    private static partial void LogPoisoned(ILogger logger, string messageId, string campaignId, string action);
}
