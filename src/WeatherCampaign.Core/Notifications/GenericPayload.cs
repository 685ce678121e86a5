using System.Text.Json.Nodes;

namespace WeatherCampaign.Core.Notifications;

/// <summary>
/// Our own JSON for any receiver: <c>{"source":"weathercampaign","event":"cycle|poisoned","title","summary","cycleId","dryRun","at",
/// "sections":[{"heading","total","campaigns":[{"id","name","why"}]}]}</c>; values are plain text (JSON escaping only).
/// </summary>
public static class GenericPayload
{
    public static JsonObject Build(Notice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var sections = new JsonArray();
        foreach (var section in notice.Sections)
        {
            var campaigns = new JsonArray();
            foreach (var line in section.Lines)
            {
                campaigns.Add(new JsonObject { ["id"] = line.CampaignId, ["name"] = line.CampaignName, ["why"] = line.Why });
            }

            sections.Add(new JsonObject { ["heading"] = section.Heading, ["total"] = section.Lines.Count + section.More, ["campaigns"] = campaigns });
        }

        return new JsonObject
        {
            ["source"] = "weathercampaign",
            ["event"] = notice.Event == NoticeEvent.Cycle ? "cycle" : "poisoned",
            ["title"] = notice.Title,
            ["summary"] = notice.Summary,
            ["cycleId"] = notice.CycleId,
            ["dryRun"] = notice.DryRun,
            ["at"] = notice.At,
            ["sections"] = sections,
        };
    }
}
