using Azure;
using Azure.Identity;
using Microsoft.Extensions.Logging;

namespace WeatherCampaign.Core.Campaigns;

public static partial class CampaignTokenSourceExtensions
{
    /// <summary>
    /// <see cref="ICampaignTokenSource.PrepareAsync"/> at start-up, best effort: a token or discovery that fails here fails again
    /// on the cycle's first request, which reports it as it would without this head start (a platform's refusal as a listing
    /// failure, audited; a vault that cannot be read fails the cycle).
    /// </summary>
    public static async Task TryPrepareAsync(this ICampaignTokenSource tokens, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(logger);
        try
        {
            await tokens.PrepareAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CampaignApiException or RequestFailedException or AuthenticationFailedException)
        {
            LogNotPrepared(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The campaign platform's token could not be fetched ahead of the cycle; its first request tries again: {Reason}")]
    private static partial void LogNotPrepared(ILogger logger, string reason);
}
