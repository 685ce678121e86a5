namespace WeatherCampaign.Core.Alerts;

/// <summary>Reads one wire format of weather alerts into <see cref="WeatherAlert"/>s.</summary>
public interface IAlertFormatParser
{
    /// <summary>The format this parser reads; a feed configured with that format always uses it.</summary>
    FeedFormat Format { get; }

    /// <summary>
    /// Whether this parser should read content of this media type (null when the server sent none) whose first bytes
    /// are <paramref name="head"/>: true for the format's own media type, and for generic ones (JSON, XML, text, none)
    /// when the bytes look like the format.
    /// </summary>
    bool CanRead(string? mediaType, ReadOnlySpan<byte> head);

    /// <summary>
    /// All alerts in <paramref name="content"/>, or <see cref="AlertFeedFormatException"/> naming the feed and the position
    /// when any part of it is malformed; never a partial list.
    /// </summary>
    IReadOnlyList<WeatherAlert> Parse(ReadOnlyMemory<byte> content, string feedName);
}
