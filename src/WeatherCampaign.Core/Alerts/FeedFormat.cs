using System.ComponentModel;

namespace WeatherCampaign.Core.Alerts;

/// <summary>
/// Which parser reads a feed; <see cref="Auto"/> decides by content type and content. <see cref="AtomIndex"/> and
/// <see cref="RssIndex"/> (written <c>atom-index</c>, <c>rss-index</c> in settings) list links to CAP documents, which are fetched.
/// </summary>
/// <remarks><see cref="OpenFema"/> (FEMA's disaster declarations) is read page by page and never chosen by <see cref="Auto"/>.</remarks>
[TypeConverter(typeof(FeedFormatConverter))]
public enum FeedFormat { Auto = 0, Nws, Simple, Cap, Atom, AtomIndex, RssIndex, OpenFema }
