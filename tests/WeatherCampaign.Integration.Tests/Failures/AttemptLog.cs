using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace WeatherCampaign.Integration.Tests.Failures;

/// <summary>One attempt on the wire, seen innermost in the cxone pipeline (after the bearer token is set).</summary>
internal sealed record Attempt(int Call, HttpMethod Method, string Path, DateTimeOffset SentAt, DateTimeOffset AnsweredAt, int Status, string? RetryAfter);

/// <summary>
/// Every attempt of every campaign API call, grouped by call (a retry re-sends the same request object), plus every bearer
/// token the service sent or received — what the secrets check looks for.
/// </summary>
internal sealed class AttemptLog
{
    private readonly List<Attempt> _attempts = [];
    private readonly HashSet<string> _tokens = [];
    private readonly ConditionalWeakTable<HttpRequestMessage, object> _calls = new();
    private int _nextCall;

    public IReadOnlyList<Attempt> Attempts { get { lock (_attempts) { return _attempts.ToList(); } } }

    public IReadOnlyCollection<string> Tokens { get { lock (_tokens) { return _tokens.ToList(); } } }

    /// <summary>Adds the recorder to the service's cxone client, innermost.</summary>
    public Action<IServiceCollection> Install => services =>
        services.AddHttpClient("cxone").AddHttpMessageHandler(() => new Recorder(this));

    private int CallOf(HttpRequestMessage request) =>
        (int)_calls.GetValue(request, _ => Interlocked.Increment(ref _nextCall));

    private sealed class Recorder(AttemptLog log) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var call = log.CallOf(request);
            if (request.Headers.Authorization?.Parameter is { } sent)
            {
                lock (log._tokens)
                {
                    log._tokens.Add(sent);
                }
            }

            var sentAt = DateTimeOffset.UtcNow;
            var response = await base.SendAsync(request, cancellationToken);
            var answeredAt = DateTimeOffset.UtcNow;
            if (request.RequestUri!.AbsolutePath.EndsWith("/oauth2/token", StringComparison.Ordinal) && response.StatusCode == HttpStatusCode.OK)
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                lock (log._tokens)
                {
                    log._tokens.Add(body.RootElement.GetProperty("access_token").GetString()!);
                }
            }
            var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null;
            lock (log._attempts)
            {
                log._attempts.Add(new Attempt(call, request.Method, request.RequestUri.PathAndQuery, sentAt, answeredAt, (int)response.StatusCode, retryAfter));
            }

            return response;
        }
    }
}
