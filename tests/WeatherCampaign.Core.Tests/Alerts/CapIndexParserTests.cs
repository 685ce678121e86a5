using WeatherCampaign.Core.Alerts;

namespace WeatherCampaign.Core.Tests.Alerts;

[TestClass]
public sealed class CapIndexParserTests
{
    private static readonly Uri UsgsFeed = new("https://earthquake.example.gov/catalogs/7day-M5.atom");
    private static readonly Uri NaadFeed = new("https://rss.alerts.example.ca/");
    private static readonly Uri SachetFeed = new("https://alerts.example.in/rss.xml");

    private static CapIndex Parse(string fixture, Uri feed, FeedFormat format) =>
        CapIndexParser.Parse(FixtureFiles.Bytes(fixture), "index", feed, format);

    private static CapIndex ParseText(string xml, FeedFormat format) =>
        CapIndexParser.Parse(FixtureFiles.Utf8(xml), "index", UsgsFeed, format);

    [TestMethod]
    public void Atom_entry_links_its_cap_message_not_its_web_page()
    {
        var index = Parse("Index/usgs-earthquakes.atom", UsgsFeed, FeedFormat.AtomIndex);

        Assert.AreEqual(new Uri("https://earthquake.example.gov/catalogs/cap/us2025abcd"), index.Entries[0].Link);
        Assert.AreEqual("urn:earthquake-example-gov:us:2025abcd", index.Entries[0].Id);
    }

    [TestMethod]
    public void Relative_link_resolves_against_the_feeds_url()
    {
        var usgs = Parse("Index/usgs-earthquakes.atom", UsgsFeed, FeedFormat.AtomIndex);
        var naad = Parse("Index/naad.atom", NaadFeed, FeedFormat.AtomIndex);

        Assert.AreEqual(new Uri("https://earthquake.example.gov/catalogs/cap/us2025efgh"), usgs.Entries[1].Link);
        Assert.AreEqual(new Uri("https://rss.alerts.example.ca/2025-01-20/wind-2222.xml"), naad.Entries[2].Link);
    }

    [TestMethod]
    public void Atom_entry_linking_only_a_web_page_is_skipped_and_counted()
    {
        var index = Parse("Index/usgs-earthquakes.atom", UsgsFeed, FeedFormat.AtomIndex);

        Assert.HasCount(2, index.Entries);
        Assert.AreEqual(1, index.Skipped);
    }

    [TestMethod]
    public void Untyped_alternate_link_is_a_document_that_must_turn_out_to_be_cap()
    {
        var index = Parse("Index/naad.atom", NaadFeed, FeedFormat.AtomIndex);

        Assert.HasCount(3, index.Entries);
        Assert.AreEqual(0, index.Skipped);
        Assert.AreEqual(index.Entries[0].Link, index.Entries[1].Link, "both languages link the same message (a link with no rel is an alternate)");
        Assert.AreEqual("cap.alerts.example.ca", index.Entries[0].Link.Host);
    }

    [TestMethod]
    public void Rss_item_link_or_cap_enclosure_counts_and_an_item_with_neither_is_skipped()
    {
        var index = Parse("Index/sachet.rss", SachetFeed, FeedFormat.RssIndex);

        Assert.AreEqual(new Uri("https://alerts.example.in/cap/2025-01-20-20-10-00.xml"), index.Entries[0].Link);
        Assert.AreEqual(new Uri("https://alerts.example.in/cap/2025-01-20-20-30-00.xml"), index.Entries[1].Link, "the CAP enclosure wins over the item's web page");
        Assert.AreEqual("1737405000000002", index.Entries[1].Id);
        Assert.HasCount(2, index.Entries);
        Assert.AreEqual(1, index.Skipped);
    }

    [TestMethod]
    public void Rss_that_is_not_an_index_is_refused_with_a_clear_error()
    {
        var error = Assert.Throws<AlertFeedFormatException>(() => Parse("Index/news.rss", SachetFeed, FeedFormat.RssIndex));

        StringAssert.Contains(error.Message, "none of its 2 items links to a CAP document");
        StringAssert.Contains(error.Message, "RSS is read only as such an index");
    }

    [TestMethod]
    public void Atom_feed_of_web_pages_is_refused_as_an_index()
    {
        var error = Assert.Throws<AlertFeedFormatException>(() => ParseText(
            """<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>a</id><link rel="alternate" type="text/html" href="/a.html"/></entry></feed>""",
            FeedFormat.AtomIndex));

        StringAssert.Contains(error.Message, "none of its 1 entries links to a CAP document");
    }

    [TestMethod]
    public void Empty_index_is_real_data_with_no_entries()
    {
        var index = ParseText("""<rss version="2.0"><channel><title>CAP</title></channel></rss>""", FeedFormat.RssIndex);

        Assert.IsEmpty(index.Entries);
        Assert.AreEqual(0, index.Skipped);
    }

    [TestMethod]
    public void Dtd_is_refused_and_no_entity_is_expanded()
    {
        var error = Assert.Throws<AlertFeedFormatException>(() => ParseText(
            """<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><item><link>&xxe;</link></item></channel></rss>""",
            FeedFormat.RssIndex));

        StringAssert.Contains(error.Message, "DTD");
    }

    [TestMethod]
    public void Wrong_root_for_the_configured_format_names_it()
    {
        var error = Assert.Throws<AlertFeedFormatException>(() => Parse("Index/sachet.rss", SachetFeed, FeedFormat.AtomIndex));

        StringAssert.Contains(error.Message, "not an ATOM <feed>");
    }

    [TestMethod]
    [DataRow("Index/sachet.rss", null, FeedFormat.RssIndex)]
    [DataRow("Index/usgs-earthquakes.atom", "application/atom+xml", FeedFormat.AtomIndex)]
    [DataRow("Index/naad.atom", null, FeedFormat.AtomIndex)]
    public void Auto_recognises_index_feeds(string fixture, string? mediaType, FeedFormat expected) =>
        Assert.AreEqual(expected, CapIndexParser.Recognise(mediaType, FixtureFiles.Bytes(fixture)));

    [TestMethod]
    [DataRow("Atom/meteoalarm.xml", "application/atom+xml")]
    [DataRow("Index/news.rss", "application/rss+xml")]
    [DataRow("Atom/nws-legacy.xml", null)]
    [DataRow("Cap/eccc-bilingual-update.xml", "application/cap+xml")]
    [DataRow("Nws/feature-collection.json", "application/geo+json")]
    public void Auto_leaves_feeds_carrying_their_own_alerts_or_no_links_to_their_parsers(string fixture, string? mediaType) =>
        Assert.IsNull(CapIndexParser.Recognise(mediaType, FixtureFiles.Bytes(fixture)));
}
