using System.Net;
using System.Text;
using System.Threading.Channels;

namespace WeatherCampaign.Core.Tests.Campaigns;

/// <summary>One request as the tenant received it, read before the answer was made.</summary>
internal sealed record TenantRequest(
    HttpMethod Method,
    string PathAndQuery,
    string? Authorization,
    string Accept,
    string? ContentType,
    string Body,
    DateTimeOffset At)
{
    public bool IsTokenRequest => PathAndQuery == "/oauth2/token";
}

/// <summary>
/// A scripted campaign tenant behind the real pipeline: the token endpoint issues <c>token-1</c>, <c>token-2</c>, … (or answers what
/// <see cref="TokenAnswers"/> holds), and API requests are answered in order from <see cref="Then(Func{TenantRequest, HttpResponseMessage})"/>, else by <see cref="Otherwise"/>.
/// Every request is recorded, and each arrival can be awaited.
/// </summary>
internal sealed class ScriptedTenant(TimeProvider clock) : HttpMessageHandler
{
    private readonly Queue<Func<TenantRequest, HttpResponseMessage>> _api = new();
    private readonly Channel<TenantRequest> _arrivals = Channel.CreateUnbounded<TenantRequest>();
    private readonly List<TenantRequest> _requests = [];
    private int _tokensIssued;

    /// <summary>The lifetime (expires_in) of tokens issued from now on.</summary>
    public int ExpiresIn { get; set; } = 3600;

    /// <summary>Answers for the token endpoint, used before issuing tokens normally.</summary>
    public Queue<HttpStatusCode> TokenAnswers { get; } = new();

    /// <summary>Answers API requests once the script is used up.</summary>
    public Func<TenantRequest, HttpResponseMessage>? Otherwise { get; set; }

    /// <summary>Runs before the answer of each request (to hold it, or to count what happens meanwhile).</summary>
    public Func<TenantRequest, CancellationToken, Task>? BeforeAnswer { get; set; }

    public IReadOnlyList<TenantRequest> Requests { get { lock (_requests) { return _requests.ToList(); } } }

    public IReadOnlyList<TenantRequest> ApiRequests => Requests.Where(r => !r.IsTokenRequest).ToList();

    public IReadOnlyList<TenantRequest> TokenRequests => Requests.Where(r => r.IsTokenRequest).ToList();

    public ScriptedTenant Then(Func<TenantRequest, HttpResponseMessage> answer)
    {
        lock (_api)
        {
            _api.Enqueue(answer);
        }

        return this;
    }

    public ScriptedTenant Then(HttpStatusCode status, string body = "{}", Action<HttpResponseMessage>? configure = null) =>
        Then(_ =>
        {
            var response = Json(status, body);
            configure?.Invoke(response);
            return response;
        });

    /// <summary>The next request to arrive (token or API), in arrival order.</summary>
    public async Task<TenantRequest> NextRequestAsync(TimeSpan? within = null) =>
        await _arrivals.Reader.ReadAsync().AsTask().WaitAsync(within ?? TimeSpan.FromSeconds(10));

    /// <summary>The next API request to arrive, skipping token requests.</summary>
    public async Task<TenantRequest> NextApiRequestAsync(TimeSpan? within = null)
    {
        while (true)
        {
            var next = await NextRequestAsync(within);
            if (!next.IsTokenRequest)
            {
                return next;
            }
        }
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    public static string Entity(string id, string status, string region = "US-NE", string name = "Campaign") =>
        $$$"""{"id":"{{{id}}}","name":"{{{name}}}","status":"{{{status}}}","custom_attributes":{"region":"{{{region}}}","timezone":"America/New_York"}}""";

    public static string Page(int page, int pageSize, int total, IEnumerable<string> entities)
    {
        var list = entities.ToList();
        var pageCount = (total + pageSize - 1) / pageSize;
        return $$"""{"page":{{page}},"pageSize":{{pageSize}},"count":{{list.Count}},"total":{{total}},"pageCount":{{pageCount}},"entities":[{{string.Join(",", list)}}]}""";
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var recorded = new TenantRequest(
            request.Method,
            request.RequestUri!.PathAndQuery,
            request.Headers.Authorization?.ToString(),
            string.Join(",", request.Headers.Accept.Select(a => a.ToString())),
            request.Content?.Headers.ContentType?.MediaType,
            request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken),
            clock.GetUtcNow());
        lock (_requests)
        {
            _requests.Add(recorded);
        }

        _arrivals.Writer.TryWrite(recorded);
        if (BeforeAnswer is { } before)
        {
            await before(recorded, cancellationToken);
        }

        if (recorded.IsTokenRequest)
        {
            lock (_api)
            {
                if (TokenAnswers.TryDequeue(out var status))
                {
                    return Json(status, """{"error":"invalid_client"}""");
                }
            }
            var n = Interlocked.Increment(ref _tokensIssued);
            return Json(HttpStatusCode.OK,
                $$"""{"access_token":"token-{{n}}","token_type":"Bearer","expires_in":{{ExpiresIn}},"scope":"outbound:campaign:read outbound:campaign:write"}""");
        }

        Func<TenantRequest, HttpResponseMessage>? answer;
        lock (_api)
        {
            _api.TryDequeue(out answer);
        }

        answer ??= Otherwise ?? throw new InvalidOperationException($"No scripted answer for {recorded.Method} {recorded.PathAndQuery}");
        return answer(recorded);
    }
}
