namespace WeatherCampaign.Core.Alerts;

/// <summary>Reads every configured weather feed; never throws for a feed's own failure (it is reported in the snapshot).</summary>
public interface IAlertSource
{
    Task<AlertSnapshot> ReadAsync(CancellationToken cancellationToken);
}
