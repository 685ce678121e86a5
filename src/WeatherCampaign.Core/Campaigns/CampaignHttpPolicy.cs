namespace WeatherCampaign.Core.Campaigns;

/// <summary>How hard a platform's HTTP pipeline may use the tenant: its pace, its timeouts and its retries.</summary>
/// <param name="RequestsPerSecond">Requests per second the process starts at and never exceeds (tokens, listing, reads and changes together).</param>
/// <param name="Burst">Requests that may go at once after a quiet spell (at most half a second's worth is used).</param>
/// <param name="AttemptTimeout">One attempt's limit; a slower answer counts as a transient failure.</param>
/// <param name="TotalTimeout">All attempts of one call together, waits included.</param>
/// <param name="MaxRetries">Retries after the first attempt; 0 for none.</param>
/// <param name="AdaptivePacing">Whether the pace learns the tenant's limit from 429s and rate-limit headers (<see cref="CampaignRequestPacer"/>); off, it stays at <paramref name="RequestsPerSecond"/>.</param>
/// <param name="MinimumRequestsPerSecond">The slowest pace learning may reach.</param>
public sealed record CampaignHttpPolicy(
    double RequestsPerSecond, int Burst, TimeSpan AttemptTimeout, TimeSpan TotalTimeout, int MaxRetries, bool AdaptivePacing = true, double MinimumRequestsPerSecond = 0.5);
