using System.Globalization;
using System.Text.Json.Nodes;

namespace WeatherCampaign.Core.Notifications;

/// <summary>
/// A Teams workflow's message ("When a Teams webhook request is received"): <c>{"type":"message","attachments":[{"contentType":
/// "application/vnd.microsoft.card.adaptive","content":{AdaptiveCard}}]}</c>, the card's text escaped as Markdown.
/// </summary>
public static class TeamsPayload
{
    public const string CardContentType = "application/vnd.microsoft.card.adaptive";

    public static JsonObject Build(Notice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var body = new JsonArray
        {
            Text(notice.Title, bold: true, size: "Medium"),
            Text(notice.Summary),
        };
        foreach (var section in notice.Sections)
        {
            body.Add(Text(string.Create(CultureInfo.InvariantCulture, $"{section.Heading} ({section.Lines.Count + section.More})"), bold: true));
            var facts = new JsonArray();
            foreach (var line in section.Lines)
            {
                facts.Add(new JsonObject
                {
                    ["title"] = NoticeText.ForAdaptiveCard(line.CampaignName),
                    ["value"] = NoticeText.ForAdaptiveCard($"{line.CampaignId}: {line.Why}"),
                });
            }

            body.Add(new JsonObject { ["type"] = "FactSet", ["facts"] = facts });
            if (section.More > 0)
            {
                body.Add(Text(string.Create(CultureInfo.InvariantCulture, $"and {section.More} more (see the audit trail)")));
            }
        }

        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject
                {
                    ["contentType"] = CardContentType,
                    ["contentUrl"] = null,
                    ["content"] = new JsonObject
                    {
                        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                        ["type"] = "AdaptiveCard",
                        ["version"] = "1.4",
                        ["body"] = body,
                    },
                },
            },
        };
    }

    private static JsonObject Text(string text, bool bold = false, string? size = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = NoticeText.ForAdaptiveCard(text), ["wrap"] = true };
        if (bold)
        {
            block["weight"] = "Bolder";
        }

        if (size is not null)
        {
            block["size"] = size;
        }

        return block;
    }
}
