namespace WeatherCampaign.Core.Alerts;

/// <summary>
/// A feed's content could not be read as alerts. The message names the feed and where reading stopped
/// (line and byte or column), so an operator can find the spot in a recorded copy.
/// </summary>
public sealed class AlertFeedFormatException : Exception
{
    public AlertFeedFormatException(string feed, string problem, string? position = null, Exception? innerException = null)
        : base(position is null ? $"Feed '{feed}': {problem}" : $"Feed '{feed}' at {position}: {problem}", innerException)
    {
        Feed = feed;
        Problem = problem;
        Position = position;
    }

    /// <summary>The feed's name.</summary>
    public string Feed { get; }

    /// <summary>What is wrong, without the feed and position.</summary>
    public string Problem { get; }

    /// <summary>Where in the content: <c>line 3, byte 17</c> (JSON), <c>line 3, column 5</c> (XML); null when not known.</summary>
    public string? Position { get; }
}
