namespace WeatherCampaign.Core.Alerts;

/// <summary>Which parser reads a feed; <see cref="Auto"/> decides by content type and content.</summary>
/// <remarks><see cref="OpenFema"/> (FEMA's disaster declarations) is read page by page and never chosen by <see cref="Auto"/>.</remarks>
public enum FeedFormat { Auto = 0, Nws, Simple, Cap, Atom, OpenFema }
