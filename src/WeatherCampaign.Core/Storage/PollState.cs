namespace WeatherCampaign.Core.Storage;

/// <summary>
/// What the feed poll remembers between timer ticks (one row in the ledger's table, so it outlives an instance): the alerts
/// the last full cycle planned from, when that cycle ran, and the light polls since. Losing it costs one full cycle, never a pause.
/// </summary>
/// <param name="AlertFingerprint">The fingerprint of the alerts the last full cycle read (<c>AlertFingerprint.Of</c>).</param>
/// <param name="LastFullCycleAt">When the last full cycle (one that listed campaigns) started.</param>
/// <param name="LastPollAt">When the feeds were last polled, full cycle or not.</param>
/// <param name="LightPollsSinceFullCycle">Polls since then that ended after the feeds.</param>
public sealed record PollState(string AlertFingerprint, DateTimeOffset LastFullCycleAt, DateTimeOffset LastPollAt, int LightPollsSinceFullCycle);
