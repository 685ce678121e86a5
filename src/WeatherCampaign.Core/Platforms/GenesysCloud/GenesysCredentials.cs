namespace WeatherCampaign.Core.Platforms.GenesysCloud;

/// <summary>The Genesys Cloud OAuth client (client credentials grant). <see cref="ToString"/> never shows the secret.</summary>
public sealed record GenesysCredentials(string ClientId, string ClientSecret)
{
    public override string ToString() => $"GenesysCredentials {{ ClientId = {ClientId}, ClientSecret = *** }}";
}
