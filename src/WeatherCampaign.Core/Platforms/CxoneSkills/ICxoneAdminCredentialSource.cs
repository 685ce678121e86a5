namespace WeatherCampaign.Core.Platforms.CxoneSkills;

/// <summary>Where the CXone Admin credentials come from. <c>refresh: true</c> asks for a fresh read (the token endpoint refused the last ones).</summary>
public interface ICxoneAdminCredentialSource
{
    ValueTask<CxoneAdminCredentials> GetAsync(bool refresh, CancellationToken cancellationToken);
}
