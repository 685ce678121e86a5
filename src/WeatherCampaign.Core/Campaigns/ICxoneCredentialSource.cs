namespace WeatherCampaign.Core.Campaigns;

/// <summary>Where the credentials come from. <c>refresh: true</c> asks for a fresh read (after the token endpoint said 401: a rotated secret).</summary>
public interface ICxoneCredentialSource
{
    ValueTask<CxoneCredentials> GetAsync(bool refresh, CancellationToken cancellationToken);
}
