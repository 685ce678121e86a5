namespace WeatherCampaign.Core.Platforms.GenesysCloud;

/// <summary>Where the Genesys Cloud client credentials come from. <c>refresh: true</c> asks for a fresh read (after the token endpoint said 401: a rotated secret).</summary>
public interface IGenesysCredentialSource
{
    ValueTask<GenesysCredentials> GetAsync(bool refresh, CancellationToken cancellationToken);
}
