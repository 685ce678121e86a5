using System.Text.Json.Nodes;

namespace CxoneSimulator.Genesys;

/// <summary>
/// Genesys Cloud campaign bodies as the API returns them: the many fields of the platform's Campaign model, and one
/// field the service cannot know (<c>futureSetting</c>), so a test sees whether a PUT keeps what it does not understand.
/// </summary>
public static class GenesysCampaignFactory
{
    /// <summary>A campaign with a GUID id derived from <paramref name="number"/>, so seeds are repeatable.</summary>
    public static JsonObject Create(int number, string name, string status = "on", string division = "Home") =>
        Create(IdFor(number), name, status, division);

    public static JsonObject Create(string id, string name, string status = "on", string division = "Home") => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["dateCreated"] = "2026-01-05T14:00:00.000Z",
        ["dateModified"] = "2026-01-05T14:00:00.000Z",
        ["version"] = 1,
        ["contactList"] = Ref("contactlists", "Contacts for " + name),
        ["queue"] = Ref("queues", "Outbound Sales"),
        ["dialingMode"] = "preview",
        ["script"] = Ref("scripts", "Default Outbound Script"),
        ["campaignStatus"] = status,
        ["phoneColumns"] = new JsonArray(new JsonObject { ["columnName"] = "Cell", ["type"] = "cell" }, new JsonObject { ["columnName"] = "Home", ["type"] = "home" }),
        ["abandonRate"] = 5.0,
        ["dncLists"] = new JsonArray(Ref("dnclists", "Internal DNC")),
        ["callableTimeSet"] = Ref("callabletimesets", "Business hours"),
        ["callAnalysisResponseSet"] = Ref("callanalysisresponsesets", "Default response set"),
        ["errors"] = new JsonArray(),
        ["callerName"] = "Acme Insurance",
        ["callerAddress"] = "+13175550100",
        ["outboundLineCount"] = 4,
        ["ruleSets"] = new JsonArray(),
        ["skipPreviewDisabled"] = false,
        ["previewTimeOutSeconds"] = 300,
        ["alwaysRunning"] = false,
        ["contactSorts"] = new JsonArray(new JsonObject { ["fieldName"] = "Zip", ["direction"] = "ASC", ["numeric"] = false }),
        ["noAnswerTimeout"] = 30,
        ["callAnalysisLanguage"] = "en-US",
        ["priority"] = 5,
        ["contactListFilters"] = new JsonArray(),
        ["division"] = new JsonObject { ["id"] = Guid.CreateVersion7().ToString(), ["name"] = division, ["selfUri"] = "/api/v2/authorization/divisions/home" },
        ["dynamicContactQueueingSettings"] = new JsonObject { ["sort"] = false, ["filter"] = false },
        ["futureSetting"] = new JsonObject { ["mode"] = "gentle", ["levels"] = new JsonArray(1, 2, new JsonObject { ["deep"] = true }) },
        ["selfUri"] = $"/api/v2/outbound/campaigns/{id}",
    };

    /// <summary>The id <see cref="Create(int, string, string, string)"/> gives campaign <paramref name="number"/>.</summary>
    public static string IdFor(int number) => $"00000000-0000-4000-8000-{number:D12}";

    private static JsonObject Ref(string kind, string name)
    {
        var id = Guid.CreateVersion7().ToString();
        return new JsonObject { ["id"] = id, ["name"] = name, ["selfUri"] = $"/api/v2/outbound/{kind}/{id}" };
    }
}
