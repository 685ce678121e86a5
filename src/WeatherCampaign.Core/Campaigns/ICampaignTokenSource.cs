namespace WeatherCampaign.Core.Campaigns;

/// <summary>A platform's bearer tokens, as <see cref="CampaignAuthenticationHandler"/> puts them on each request.</summary>
public interface ICampaignTokenSource
{
    /// <summary>
    /// A token valid now for a request to <paramref name="target"/>. A source refuses (throws a <see cref="CampaignApiException"/>)
    /// a target its platform did not name, so a token never reaches a host it was not issued for.
    /// </summary>
    ValueTask<string> GetTokenAsync(Uri target, CancellationToken cancellationToken);

    /// <summary>Forgets <paramref name="rejected"/> if it is still the cached token, so that many callers rejected at once cause one refresh.</summary>
    void Invalidate(string rejected);
}
