namespace WeatherCampaign.Core.Campaigns;

/// <summary>A bearer token a platform issued, and when to ask for the next one (ahead of its expiry).</summary>
public sealed record IssuedToken(string Value, DateTimeOffset RefreshAt)
{
    /// <summary>
    /// A token issued at <paramref name="issuedAt"/> for <paramref name="lifetime"/>, refreshed <paramref name="refreshBuffer"/>
    /// before it expires but never more than half its lifetime early: a short-lived token is still used, not refreshed on every call.
    /// </summary>
    public static IssuedToken Lasting(string value, DateTimeOffset issuedAt, TimeSpan lifetime, TimeSpan refreshBuffer) =>
        new(value, issuedAt + lifetime - TimeSpan.FromTicks(Math.Min(refreshBuffer.Ticks, lifetime.Ticks / 2)));
}

/// <summary>
/// A platform's bearer token, shared by every caller: at most one token request is in flight at a time, the token is
/// replaced once it is due for refresh, and a token that calls found revoked is forgotten once, however many said so.
/// </summary>
public sealed class TokenCache(TimeProvider timeProvider)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IssuedToken? _token;

    /// <summary>A token valid now; <paramref name="request"/> asks the platform for one when there is none or it is due.</summary>
    public async ValueTask<string> GetAsync(Func<CancellationToken, Task<IssuedToken>> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Current() is { } valid)
        {
            return valid;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have got a token while this one waited.
            if (Current() is { } fresh)
            {
                return fresh;
            }

            _token = await request(cancellationToken).ConfigureAwait(false);
            return _token.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets <paramref name="rejected"/> if it is still the cached token, so that many callers rejected at once cause one refresh.</summary>
    public void Invalidate(string rejected)
    {
        var token = _token;
        if (token is not null && token.Value == rejected)
        {
            Interlocked.CompareExchange(ref _token, null, token);
        }
    }

    private string? Current()
    {
        var token = _token;
        return token is not null && timeProvider.GetUtcNow() < token.RefreshAt ? token.Value : null;
    }
}
