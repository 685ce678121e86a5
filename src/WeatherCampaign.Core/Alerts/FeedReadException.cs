namespace WeatherCampaign.Core.Alerts;

/// <summary>A feed failed for a reason the reader recognised; the message is the feed outcome's error.</summary>
internal sealed class FeedReadException(string message) : Exception(message);
