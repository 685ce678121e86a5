namespace WeatherCampaign.Core.Campaigns;

/// <summary>
/// A platform's credentials read from Key Vault: cached, read again when the token endpoint says they no longer work (a
/// rotated secret), and read once for callers that ask for a refresh at the same time.
/// </summary>
public sealed class VaultCredentials<T>(Func<CancellationToken, Task<T>> read)
    where T : class
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private T? _cached;

    public async ValueTask<T> GetAsync(bool refresh, CancellationToken cancellationToken)
    {
        var seen = _cached;
        if (seen is not null && !refresh)
        {
            return seen;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have re-read the vault while this one waited.
            if (_cached is not null && !ReferenceEquals(_cached, seen))
            {
                return _cached;
            }

            _cached = await read(cancellationToken).ConfigureAwait(false);
            return _cached;
        }
        finally
        {
            _gate.Release();
        }
    }
}
