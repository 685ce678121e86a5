using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WeatherCampaign.Core.Campaigns;

namespace WeatherCampaign.Functions;

/// <summary>
/// Fetches the campaign platform's token (and the CXone Admin API's address) as the worker starts, in the background: a cold
/// instance woken by the timer or a queue message then finds it ready, or already in flight, instead of asking for it first.
/// Best effort (<see cref="CampaignTokenSourceExtensions.TryPrepareAsync"/>): the start-up never waits for it or fails on it.
/// </summary>
internal sealed class PlatformPreparation(ICampaignTokenSource tokens, ILogger<PlatformPreparation> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => tokens.TryPrepareAsync(logger, stoppingToken);
}
