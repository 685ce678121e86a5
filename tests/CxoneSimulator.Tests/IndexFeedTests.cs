using System.Net;
using System.Xml.Linq;

namespace CxoneSimulator.Tests;

/// <summary>Index feeds (ATOM and RSS lists of links to CAP documents) and their documents, as the simulator serves them.</summary>
[TestClass]
public sealed class IndexFeedTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static async Task<Tenant> StartWithIndexAsync(IndexFeedKind kind)
    {
        var tenant = await Tenant.StartAsync();
        tenant.State.SetFeed("cap-1", CapDocument.Alert("cap-1", "Tornado Warning", "Extreme", "UGC", "FLZ172", tenant.Time.GetUtcNow(), TimeSpan.FromHours(2)), CapDocument.ContentType);
        tenant.State.SetIndexFeed("index", kind, [new IndexFeedEntry("entry-1", "cap-1"), new IndexFeedEntry("entry-2", "cap-missing"), new IndexFeedEntry("entry-3", null)]);
        return tenant;
    }

    [TestMethod]
    public async Task Atom_index_links_each_entry_relatively_to_its_cap_document()
    {
        await using var tenant = await StartWithIndexAsync(IndexFeedKind.Atom);

        using var response = await tenant.Http.GetAsync("feeds/index");
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;

        Assert.AreEqual("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var links = feed.Elements(Atom + "entry").Select(e => e.Elements(Atom + "link").FirstOrDefault(l => (string?)l.Attribute("type") == CapDocument.ContentType)).ToList();
        Assert.AreEqual("cap-1", (string?)links[0]!.Attribute("href"));
        Assert.AreEqual("related", (string?)links[0]!.Attribute("rel"));
        Assert.IsNull(links[2], "the third entry has no link");
        using var document = await tenant.Http.GetAsync(new Uri(new Uri(tenant.Server.BaseUrl, "feeds/index"), (string)links[0]!.Attribute("href")!));
        StringAssert.Contains(await document.Content.ReadAsStringAsync(), "<identifier>cap-1</identifier>");
    }

    [TestMethod]
    public async Task Rss_index_links_each_item_and_a_missing_document_is_404()
    {
        await using var tenant = await StartWithIndexAsync(IndexFeedKind.Rss);

        using var response = await tenant.Http.GetAsync("feeds/index");
        var items = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("channel")!.Elements("item").ToList();
        using var missing = await tenant.Http.GetAsync("feeds/" + items[1].Element("link")!.Value);

        Assert.AreEqual("application/rss+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.AreEqual("cap-1", items[0].Element("link")!.Value);
        Assert.IsNull(items[2].Element("link"));
        Assert.AreEqual(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [TestMethod]
    public async Task Documents_answer_304_until_changed_and_the_statistics_add_up_over_names()
    {
        await using var tenant = await StartWithIndexAsync(IndexFeedKind.Atom);
        using var first = await tenant.Http.GetAsync("feeds/cap-1");

        using var unchanged = await ConditionalGetAsync(tenant, "feeds/cap-1", first);
        tenant.State.SetFeed("cap-1", CapDocument.Alert("cap-1", "Tornado Warning", "Severe", "UGC", "FLZ172", tenant.Time.GetUtcNow(), TimeSpan.FromHours(2)), CapDocument.ContentType);
        using var changed = await ConditionalGetAsync(tenant, "feeds/cap-1", first);
        using var index = await tenant.Http.GetAsync("feeds/index");

        Assert.AreEqual(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, changed.StatusCode);
        var total = tenant.State.GetFeedStatistics(["index", "cap-1"]);
        Assert.AreEqual(4, total.Requests);
        Assert.AreEqual(1, total.NotModified);
    }

    private static Task<HttpResponseMessage> ConditionalGetAsync(Tenant tenant, string path, HttpResponseMessage earlier)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(earlier.Headers.ETag!);
        return tenant.Http.SendAsync(request);
    }
}
