namespace WeatherCampaign.Core.Notifications;

/// <summary>A webhook's URL from the vault cannot be used; the message never holds the value.</summary>
public sealed class WebhookUrlException(string message) : Exception(message);
