using System.Net;
using System.Text.Json.Nodes;

namespace CxoneSimulator.Tests;

/// <summary>The simulated OpenFEMA <c>DisasterDeclarationsSummaries</c> endpoint: OData paging, filters, counts and a count that changes mid-read.</summary>
[TestClass]
public sealed class OpenFemaTests
{
    private const string Path = "openfema/api/open/v2/DisasterDeclarationsSummaries";

    private static JsonObject Record(string id, string lastRefresh, string declarationDate = "2024-10-11T00:00:00.000Z") => new()
    {
        ["id"] = id,
        ["femaDeclarationString"] = "DR-4834-FL",
        ["fipsStateCode"] = "12",
        ["fipsCountyCode"] = "103",
        ["declarationDate"] = declarationDate,
        ["incidentEndDate"] = null,
        ["lastRefresh"] = lastRefresh,
    };

    private static async Task<Tenant> StartAsync()
    {
        var tenant = await Tenant.StartAsync();
        tenant.State.OpenFema.Set(
        [
            Record("c", "2024-10-12T03:00:00.000Z"),
            Record("a", "2024-10-12T01:00:00.000Z"),
            Record("b", "2024-10-12T02:00:00.000Z", declarationDate: "2020-01-01T00:00:00.000Z"),
        ]);
        return tenant;
    }

    private static async Task<JsonObject> GetAsync(Tenant tenant, string query)
    {
        using var response = await tenant.Http.GetAsync(Path + "?" + query);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static string[] Ids(JsonObject page) => [.. page["DisasterDeclarationsSummaries"]!.AsArray().Select(r => (string)r!["id"]!)];

    [TestMethod]
    public async Task Pages_through_a_stable_order_with_top_and_skip()
    {
        await using var tenant = await StartAsync();

        var first = await GetAsync(tenant, "$orderby=id&$top=2&$skip=0");
        var second = await GetAsync(tenant, "$orderby=id&$top=2&$skip=2");

        CollectionAssert.AreEqual(new[] { "a", "b" }, Ids(first));
        CollectionAssert.AreEqual(new[] { "c" }, Ids(second));
        Assert.AreEqual(2, (int)second["metadata"]!["skip"]!);
        Assert.AreEqual(2, (int)first["metadata"]!["top"]!);
    }

    [TestMethod]
    public async Task Count_is_given_only_when_asked_for()
    {
        await using var tenant = await StartAsync();

        var counted = await GetAsync(tenant, "$count=true&$top=1");
        var inline = await GetAsync(tenant, "$inlinecount=allpages&$top=1");
        var uncounted = await GetAsync(tenant, "$top=1");

        Assert.AreEqual(3, (int)counted["metadata"]!["count"]!);
        Assert.AreEqual(3, (int)inline["metadata"]!["count"]!);
        Assert.AreEqual(0, (int)uncounted["metadata"]!["count"]!, "as OpenFEMA answers without $count");
    }

    [TestMethod]
    public async Task Filters_on_dates_joined_by_and()
    {
        await using var tenant = await StartAsync();

        var page = await GetAsync(tenant, "$count=true&$orderby=id&$filter=" + Uri.EscapeDataString(
            "(declarationDate ge '2023-01-01T00:00:00.000Z') and lastRefresh gt '2024-10-12T01:00:00.000Z'"));

        CollectionAssert.AreEqual(new[] { "c" }, Ids(page));
        Assert.AreEqual(1, (int)page["metadata"]!["count"]!);
        StringAssert.Contains(tenant.State.OpenFema.Queries.Single(), "lastRefresh gt '2024-10-12T01:00:00.000Z'");
    }

    [TestMethod]
    public async Task Null_compares_with_eq_null()
    {
        await using var tenant = await StartAsync();

        var page = await GetAsync(tenant, "$count=true&$filter=" + Uri.EscapeDataString("incidentEndDate eq null"));

        Assert.AreEqual(3, (int)page["metadata"]!["count"]!);
    }

    [TestMethod]
    public async Task Orders_descending()
    {
        await using var tenant = await StartAsync();

        var page = await GetAsync(tenant, "$orderby=" + Uri.EscapeDataString("lastRefresh desc"));

        CollectionAssert.AreEqual(new[] { "c", "b", "a" }, Ids(page));
    }

    [TestMethod]
    public async Task A_record_inserted_after_a_page_changes_the_count_of_the_next()
    {
        await using var tenant = await StartAsync();
        tenant.State.OpenFema.InsertAfterPages(1, Record("d", "2024-10-12T04:00:00.000Z"));

        var first = await GetAsync(tenant, "$count=true&$orderby=id&$top=2&$skip=0");
        var second = await GetAsync(tenant, "$count=true&$orderby=id&$top=2&$skip=2");

        Assert.AreEqual(3, (int)first["metadata"]!["count"]!);
        Assert.AreEqual(4, (int)second["metadata"]!["count"]!);
        CollectionAssert.AreEqual(new[] { "c", "d" }, Ids(second));
    }

    [TestMethod]
    [DataRow("$filter=lastRefresh%20between%201%20and%202")]
    [DataRow("$top=0")]
    [DataRow("$top=10001")]
    public async Task A_query_it_cannot_answer_is_a_400(string query)
    {
        await using var tenant = await StartAsync();

        using var response = await tenant.Http.GetAsync(Path + "?" + query);

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [TestMethod]
    public async Task Records_can_be_replaced_through_the_control_endpoint()
    {
        await using var tenant = await StartAsync();
        using var content = new StringContent(new JsonArray(Record("z", "2024-10-12T00:00:00.000Z")).ToJsonString(), System.Text.Encoding.UTF8, "application/json");

        using var put = await tenant.Http.PutAsync("_sim/openfema", content);

        Assert.AreEqual(HttpStatusCode.OK, put.StatusCode);
        CollectionAssert.AreEqual(new[] { "z" }, Ids(await GetAsync(tenant, "")));
    }
}
