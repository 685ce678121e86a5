namespace WeatherCampaign.Core.Notifications;

/// <summary>The <c>Notify</c> section: where a cycle's pauses, resumes and held approvals and the poisoned interventions are announced.</summary>
public sealed class NotifyOptions
{
    public const string Section = "Notify";

    /// <summary>None by default: nothing is sent.</summary>
    public List<WebhookOptions> Webhooks { get; set; } = [];

    /// <summary>All attempts of one message to one webhook (default 10 s); then it is given up and logged, and the cycle goes on.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of a failed post (5xx, 408, 429 after its Retry-After, no answer); default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Poisoned interventions that arrive within this time of the first are announced in one message (default 1 minute).</summary>
    public TimeSpan PoisonDigestWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Name shown for webhook <paramref name="index"/>.</summary>
    public string NameOf(int index) => Webhooks[index].Name is { Length: > 0 } name ? name : $"webhook {index}";
}
