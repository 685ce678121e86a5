using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Integration.Tests;

/// <summary>
/// Test setup for messages a test writes by hand: the <c>planned</c> row a cycle writes before it enqueues, without which
/// the handler refuses a message (a queue message is not an authority).
/// </summary>
internal static class PlannedRows
{
    public static async Task<string> SeedAsync(AuditTrail audit, string body)
    {
        var message = InterventionMessage.Parse(body);
        await audit.WriteAsync(AuditRows.ForMessage(message, AuditOutcome.Planned, message.PlannedAt, null, null, null));
        return body;
    }

    /// <summary>Seeds the planned row, then hands the message to the handler as the queue would.</summary>
    public static async Task<AuditOutcome> HandlePlannedAsync(this ServiceHarness harness, string body, long attempt) =>
        await harness.Get<ApplyInterventionHandler>().HandleAsync(await SeedAsync(harness.Get<AuditTrail>(), body), attempt);
}
