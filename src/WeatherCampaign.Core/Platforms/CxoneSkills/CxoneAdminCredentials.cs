namespace WeatherCampaign.Core.Platforms.CxoneSkills;

/// <summary>The registered application and the CXone user's access key. <see cref="ToString"/> shows neither secret nor the access key.</summary>
public sealed record CxoneAdminCredentials(string ClientId, string ClientSecret, string AccessKeyId, string AccessKeySecret)
{
    public override string ToString() => $"CxoneAdminCredentials {{ ClientId = {ClientId}, ClientSecret = ***, AccessKeyId = ***, AccessKeySecret = *** }}";
}
