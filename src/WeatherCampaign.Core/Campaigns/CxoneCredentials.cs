namespace WeatherCampaign.Core.Campaigns;

/// <summary>The OAuth client credentials for the tenant. <see cref="ToString"/> never shows the secret.</summary>
public sealed record CxoneCredentials(string ClientId, string ClientSecret)
{
    public override string ToString() => $"CxoneCredentials {{ ClientId = {ClientId}, ClientSecret = *** }}";
}
