namespace WeatherCampaign.Core.Alerts;

/// <summary>Which parser reads a feed; <see cref="Auto"/> decides by content type and content.</summary>
public enum FeedFormat { Auto = 0, Nws, Simple, Cap, Atom }
