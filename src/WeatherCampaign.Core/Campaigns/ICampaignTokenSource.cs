namespace WeatherCampaign.Core.Campaigns;

/// <summary>A platform's bearer tokens, as <see cref="CampaignAuthenticationHandler"/> puts them on each request.</summary>
public interface ICampaignTokenSource
{
    /// <summary>
    /// A token valid now for a request to <paramref name="target"/>. A source refuses (throws a <see cref="CampaignApiException"/>)
    /// a target its platform did not name, so a token never reaches a host it was not issued for.
    /// </summary>
    ValueTask<string> GetTokenAsync(Uri target, CancellationToken cancellationToken);

    /// <summary>
    /// Gets what the platform's first request needs (the token; for the CXone Admin API also the tenant's API address) before
    /// any request asks, so a process starting a cycle fetches it alongside its own start-up instead of ahead of the first
    /// listing page. Throws as the first request would; <see cref="CampaignTokenSourceExtensions.TryPrepareAsync"/> does not.
    /// </summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Forgets <paramref name="rejected"/> if it is still the cached token, so that many callers rejected at once cause one refresh.</summary>
    void Invalidate(string rejected);
}
