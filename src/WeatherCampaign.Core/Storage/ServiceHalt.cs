namespace WeatherCampaign.Core.Storage;

/// <summary>
/// The operator's kill switch, kept in the ledger table so that it takes effect at once on every instance, without a
/// settings change or a restart: while it stands, no message changes a campaign (<c>weathercampaign halt</c>).
/// </summary>
public sealed record ServiceHalt(string By, string Reason, DateTimeOffset Since);
