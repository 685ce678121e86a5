namespace CxoneSimulator.Webhooks;

/// <summary>One post a webhook received: its name (the last path segment), content type and body as sent.</summary>
public sealed record WebhookPost(string Webhook, string? ContentType, string Body, DateTimeOffset ReceivedAt);

/// <summary>A fault the next posts to a webhook meet: <see cref="Count"/> answers of <see cref="Status"/> (with Retry-After when given), then success.</summary>
public sealed record WebhookFault(int Count, int Status = 503, int? RetryAfterSeconds = null, int? DelayMs = null);

/// <summary>
/// Chat webhooks (a Teams workflow, a Slack incoming webhook) for tests: every post is recorded, and a fault set on a webhook
/// answers its next posts with an error first, so retries can be seen. Thread-safe.
/// </summary>
public sealed class WebhookInbox(TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private readonly List<WebhookPost> _posts = [];
    private readonly List<WebhookPost> _refused = [];
    private readonly Dictionary<string, (WebhookFault Fault, int Left)> _faults = new(StringComparer.Ordinal);

    /// <summary>The posts each webhook took (answered 200), oldest first.</summary>
    public IReadOnlyList<WebhookPost> Posts(string? webhook = null)
    {
        lock (_gate)
        {
            return [.. _posts.Where(p => webhook is null || p.Webhook == webhook)];
        }
    }

    /// <summary>The posts answered with an injected fault.</summary>
    public IReadOnlyList<WebhookPost> Refused(string? webhook = null)
    {
        lock (_gate)
        {
            return [.. _refused.Where(p => webhook is null || p.Webhook == webhook)];
        }
    }

    public void SetFault(string webhook, WebhookFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            _faults[webhook] = (fault, fault.Count);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _posts.Clear();
            _refused.Clear();
            _faults.Clear();
        }
    }

    /// <summary>Records a post; the fault it meets, or null when it is taken.</summary>
    internal WebhookFault? Receive(string webhook, string? contentType, string body)
    {
        var post = new WebhookPost(webhook, contentType, body, timeProvider.GetUtcNow());
        lock (_gate)
        {
            if (_faults.TryGetValue(webhook, out var fault) && fault.Left > 0)
            {
                _faults[webhook] = (fault.Fault, fault.Left - 1);
                _refused.Add(post);
                return fault.Fault;
            }

            _posts.Add(post);
            return null;
        }
    }
}
