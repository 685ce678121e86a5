using System.Text;

namespace WeatherCampaign.Core.Notifications;

/// <summary>
/// Text from outside (a campaign name) made fit for one line of a chat message: control characters become spaces (a line break
/// must not start a list or a heading), bidirectional controls are dropped, and it is cut to <see cref="MaxLength"/>.
/// Each payload then escapes what its format treats as markup.
/// </summary>
public static class NoticeText
{
    public const int MaxLength = 200;

    public static string OneLine(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(text.Length, MaxLength));
        foreach (var c in text)
        {
            if (builder.Length == MaxLength)
            {
                builder.Append('…');
                break;
            }

            if (IsBidiControl(c))
            {
                continue;
            }

            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString();
    }

    /// <summary>Slack mrkdwn: <c>&amp; &lt; &gt;</c> are the characters Slack reads as control sequences (links, mentions such as <c>&lt;!channel&gt;</c>).</summary>
    public static string ForSlack(string? text) => OneLine(text).Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>
    /// Adaptive Card text is Markdown: every ASCII punctuation character that Markdown may read as markup gets a backslash (a
    /// name such as <c>[Pay now](https://evil.example)</c> stays text, not a link), and <c>{{</c> cannot start a template function.
    /// </summary>
    public static string ForAdaptiveCard(string? text)
    {
        var line = OneLine(text);
        var builder = new StringBuilder(line.Length * 2);
        foreach (var c in line)
        {
            if (MarkdownPunctuation.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private const string MarkdownPunctuation = "\\`*_{}[]()<>#+-.!|~";

    private static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
