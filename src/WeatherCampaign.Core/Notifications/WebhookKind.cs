namespace WeatherCampaign.Core.Notifications;

/// <summary>What a webhook expects (<c>Notify:Webhooks:N:Kind</c>).</summary>
public enum WebhookKind
{
    /// <summary>Our own JSON (<see cref="GenericPayload"/>), for any receiver that reads JSON.</summary>
    Generic,

    /// <summary>A Teams workflow ("When a Teams webhook request is received"): a message with one Adaptive Card (<see cref="TeamsPayload"/>).</summary>
    Teams,

    /// <summary>A Slack incoming webhook: <c>text</c> and Block Kit <c>blocks</c> (<see cref="SlackPayload"/>).</summary>
    Slack,
}
