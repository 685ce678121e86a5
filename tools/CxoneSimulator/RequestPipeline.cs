using System.Globalization;

namespace CxoneSimulator;

/// <summary>
/// Runs before every endpoint: records the request, refuses raw paths that are not canonical, injects the
/// configured faults and checks bearer tokens. Control requests under <c>/_sim/</c> pass straight through.
/// </summary>
internal sealed class RequestPipeline(RequestDelegate next, SimulatorState state, IHostApplicationLifetime lifetime)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint()?.Metadata.GetMetadata<SimulatorRoute>()?.Endpoint ?? SimulatorEndpoint.Unmatched;
        if (endpoint == SimulatorEndpoint.Control)
        {
            await next(context);
            return;
        }

        var rawTarget = RawTarget.Of(context);
        var canonical = RawTarget.IsCanonical(rawTarget);
        if (!canonical)
        {
            endpoint = SimulatorEndpoint.Unmatched;
        }

        var recorder = new Recorder(state, context, rawTarget, endpoint);

        // Recording as the answer starts means a test that has its response also finds it in the log.
        context.Response.OnStarting(recorder.RecordAnswer);

        // Disposed with the request, not this frame: a hang registered below may still be waiting on it.
        var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        context.Response.RegisterForDispose(aborted);
        try
        {
            if (endpoint != SimulatorEndpoint.Unmatched)
            {
                await HandleAsync(context, endpoint, rawTarget, aborted.Token);
            }
            else if (canonical && context.GetEndpoint() is not null)
            {
                // A known path with the wrong method: routing's own 405 answers it.
                await next(context);
            }
            else
            {
                await ErrorDocument.Result(StatusCodes.Status404NotFound, "not_found", "No such resource.").ExecuteAsync(context);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            context.Abort();
        }
        finally
        {
            recorder.Record(aborted.IsCancellationRequested && !context.Response.HasStarted ? RecordedRequest.ClientClosedRequest : context.Response.StatusCode);
        }
    }

    private async Task HandleAsync(HttpContext context, SimulatorEndpoint endpoint, string rawTarget, CancellationToken aborted)
    {
        var faults = state.Faults;
        var delay = faults.LatencyMs + (faults.LatencyJitterMs > 0 ? Random.Shared.Next(faults.LatencyJitterMs + 1) : 0);
        if (delay > 0)
        {
            await Task.Delay(delay, aborted);
        }

        var isTenant = endpoint != SimulatorEndpoint.Feed;
        if (isTenant && faults.RequestsPerSecond > 0 && !state.Bucket.TryTake(faults.RequestsPerSecond, faults.EffectiveBurst, out var retryAfter))
        {
            state.CountTooManyRequests();
            WriteRetryAfter(context, faults.RetryAfterMode, retryAfter);
            if (Genesys.GenesysRoutes.IsGenesys(endpoint))
            {
                Genesys.GenesysEndpoints.WriteRateLimitHeaders(context, retryAfter, faults.RequestsPerSecond);
            }

            await ErrorDocument.Result(StatusCodes.Status429TooManyRequests, "too_many_requests", "Rate limit exceeded.").ExecuteAsync(context);
            return;
        }

        if (faults.TryTakeFailure(rawTarget, isTenant))
        {
            await ErrorDocument.Result(faults.FailStatusCode, "injected_failure", "Failure injected by the simulator.").ExecuteAsync(context);
            return;
        }

        if (isTenant && faults.TryTakeHang())
        {
            var hang = TimeSpan.FromMilliseconds(faults.HangMs);
            if (faults.ApplyThenHang)
            {
                // The endpoint runs now; only the start of its answer waits.
                context.Response.OnStarting(() => DelayQuietly(hang, aborted));
            }
            else
            {
                await Task.Delay(hang, aborted);
            }
        }

        if ((endpoint is SimulatorEndpoint.ListCampaigns or SimulatorEndpoint.GetCampaign or SimulatorEndpoint.PatchCampaign
                || Genesys.GenesysRoutes.ScopeFor(endpoint) is not null)
            && !await AuthorizeAsync(context, endpoint))
        {
            return;
        }

        await next(context);
    }

    private async Task<bool> AuthorizeAsync(HttpContext context, SimulatorEndpoint endpoint)
    {
        if (!context.Request.Headers.Accept.Any(value => value?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true))
        {
            state.CountMissingAccept();
        }

        var scope = Genesys.GenesysRoutes.ScopeFor(endpoint) ?? (endpoint == SimulatorEndpoint.PatchCampaign ? SimulatorSeed.WriteScope : SimulatorSeed.ReadScope);
        switch (state.TokenAuthority.Check(context.Request.Headers.Authorization.ToString(), scope))
        {
            case TokenCheck.Invalid:
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                await ErrorDocument.Result(StatusCodes.Status401Unauthorized, "invalid_token", "The access token is missing, expired or revoked.").ExecuteAsync(context);
                return false;
            case TokenCheck.InsufficientScope:
                context.Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"{scope}\"";
                await ErrorDocument.Result(StatusCodes.Status403Forbidden, "insufficient_scope", $"The token lacks {scope}.").ExecuteAsync(context);
                return false;
        }

        if (state.Faults.CountAuthorizedRequest())
        {
            state.RevokeAllTokens();
        }

        return true;
    }

    private void WriteRetryAfter(HttpContext context, RetryAfterMode mode, TimeSpan wait)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
        switch (mode)
        {
            case RetryAfterMode.Seconds:
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                break;
            case RetryAfterMode.HttpDate:
                // An HTTP date has whole seconds: round up so the date is never earlier than the real wait.
                var at = state.TimeProvider.GetUtcNow() + wait;
                var whole = new DateTimeOffset((at.UtcTicks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
                context.Response.Headers.RetryAfter = whole.ToString("R", CultureInfo.InvariantCulture);
                break;
        }
    }

    private static async Task DelayQuietly(TimeSpan delay, CancellationToken aborted)
    {
        try
        {
            await Task.Delay(delay, aborted);
        }
        catch (OperationCanceledException)
        {
            // The client left during the hang; the change stands, as it would on a real server.
        }
    }

    /// <summary>Records one request exactly once, whichever of answer-start or completion comes first.</summary>
    private sealed class Recorder(SimulatorState state, HttpContext context, string rawTarget, SimulatorEndpoint endpoint)
    {
        private readonly DateTimeOffset _receivedAt = state.Arrive();
        private int _recorded;

        public Task RecordAnswer()
        {
            Record(context.Response.StatusCode);
            return Task.CompletedTask;
        }

        public void Record(int statusCode)
        {
            if (Interlocked.Exchange(ref _recorded, 1) == 0)
            {
                state.Record(new RecordedRequest(
                    _receivedAt,
                    context.Request.Method,
                    rawTarget,
                    statusCode,
                    context.Request.Headers.ContainsKey("Authorization"),
                    endpoint));
            }
        }
    }
}
