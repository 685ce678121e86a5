namespace WeatherCampaign.Core.Campaigns;

/// <summary>How hard a platform's HTTP pipeline may use the tenant: its pace, its timeouts and its retries.</summary>
/// <param name="RequestsPerSecond">Requests per second the process allows itself (tokens, listing, reads and changes together).</param>
/// <param name="Burst">Requests that may go at once after a quiet spell (at most half a second's worth is used).</param>
/// <param name="AttemptTimeout">One attempt's limit; a slower answer counts as a transient failure.</param>
/// <param name="TotalTimeout">All attempts of one call together, waits included.</param>
/// <param name="MaxRetries">Retries after the first attempt; 0 for none.</param>
public sealed record CampaignHttpPolicy(double RequestsPerSecond, int Burst, TimeSpan AttemptTimeout, TimeSpan TotalTimeout, int MaxRetries);
