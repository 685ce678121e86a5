using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace WeatherCampaign.Core.Notifications;

/// <summary>
/// A Slack incoming webhook's message: <c>{"text": fallback, "blocks": [header, section …]}</c> with every value from outside
/// escaped for mrkdwn (<see cref="NoticeText.ForSlack"/>).
/// </summary>
public static class SlackPayload
{
    /// <summary>Slack's limit for a section block's text.</summary>
    public const int MaxSectionText = 3000;

    public static JsonObject Build(Notice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Cut(NoticeText.OneLine(notice.Title), 150) } },
            Section(NoticeText.ForSlack(notice.Summary)),
        };
        foreach (var section in notice.Sections)
        {
            var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"*{NoticeText.ForSlack(section.Heading)}* ({section.Lines.Count + section.More})"));
            foreach (var line in section.Lines)
            {
                text.Append("\n• ").Append(NoticeText.ForSlack(line.CampaignName)).Append(" (").Append(NoticeText.ForSlack(line.CampaignId)).Append("): ")
                    .Append(NoticeText.ForSlack(line.Why));
            }

            if (section.More > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n… and {section.More} more (see the audit trail)");
            }

            blocks.Add(Section(Cut(text.ToString(), MaxSectionText)));
        }

        return new JsonObject
        {
            ["text"] = NoticeText.ForSlack(notice.Title) + ": " + NoticeText.ForSlack(notice.Summary),
            ["blocks"] = blocks,
        };
    }

    private static JsonObject Section(string mrkdwn) =>
        new() { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = mrkdwn } };

    /// <summary>Cut at a line end when there is one, so an escape such as <c>&amp;amp;</c> is never cut in half.</summary>
    private static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var end = text.LastIndexOf('\n', max - 2);
        return (end > 0 ? text[..end] : NoticeText.OneLine(text[..(max - 2)]).TrimEnd('&')) + "\n…";
    }
}
