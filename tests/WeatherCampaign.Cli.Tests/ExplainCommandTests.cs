using System.Text.Json;
using CxoneSimulator;

namespace WeatherCampaign.Cli.Tests;

[TestClass]
public sealed class ExplainCommandTests
{
    private const string Id = "camp-fl-0001";

    private static readonly NwsAlert A = new("urn:oid:2.49.0.1.840.0.explain.a", "Tropical Storm Warning", "Severe", ["FLZ151"], NwsAlert.Now.AddHours(-1), NwsAlert.Now.AddHours(12));
    private static readonly NwsAlert A1 = A.ReissuedAs("urn:oid:2.49.0.1.840.0.explain.a1");

    /// <summary>A pauses the campaign, a person resumes it, A is re-issued as A1: the story so far.</summary>
    private static async Task<CliHarness> StoryAsync(string name = "Tampa Bay Collections")
    {
        var tenant = await CliHarness.StartAsync([CliHarness.Campaign(Id, name, CampaignEntity.Running, "US-FL")], NwsFeed.With(A));
        await tenant.RunAsync("run");
        tenant.State.SetStatusAsPerson(Id, CampaignEntity.Running);
        await tenant.RunAsync("run");
        tenant.State.SetFeed("nws", NwsFeed.With(A1), NwsFeed.ContentType);
        await tenant.RunAsync("run");
        return tenant;
    }

    [TestMethod]
    public async Task Explain_tells_the_alerts_with_their_lineage_the_rules_and_who_acted_when()
    {
        await using var tenant = await StoryAsync();

        var run = await tenant.RunAsync("explain", Id);

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, $"Campaign Tampa Bay Collections ({Id})");
        StringAssert.Contains(run.Output, "Ledger: overridden");
        StringAssert.Matches(run.Row(A1.Id + "  "), new($@"{A1.Id}\s+Tropical Storm Warning\s+Severe\s+nws\s+re-issue of {A.Id}\s+weighed it"));
        var story = run.Lines.SkipWhile(l => !l.StartsWith("Story since", StringComparison.Ordinal)).ToList();
        // "Story since …", then the header; the rows follow (no rule line under the header since the Spectre tables).
        var outcomes = story.Skip(2).Select(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries)[1].Trim()).ToList();
        CollectionAssert.AreEqual(new[] { "planned", "paused", "overridden", "re-issue" }, outcomes, run.Output);
        StringAssert.Contains(story.Single(l => l.Contains("overridden", StringComparison.Ordinal)), "a person (on the platform)");
        StringAssert.Contains(story.Single(l => l.Contains(" planned", StringComparison.Ordinal)), "3 affected");
        StringAssert.Contains(story.Single(l => l.Contains("re-issue ", StringComparison.Ordinal) && l.Contains("7 lineage", StringComparison.Ordinal)),
            $"{A1.Id} re-issue of {A.Id}: the person's resume stands");
    }

    [TestMethod]
    public async Task Explain_as_json_is_one_document_with_the_hold_the_lineage_and_the_story()
    {
        await using var tenant = await StoryAsync();

        var run = await tenant.RunAsync("explain", Id, "--json");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        using var document = JsonDocument.Parse(run.Output);
        var root = document.RootElement;
        Assert.AreEqual(Id, root.GetProperty("campaignId").GetString());
        Assert.AreEqual("overridden", root.GetProperty("hold").GetProperty("state").GetString());
        var reissue = root.GetProperty("alerts").EnumerateArray().Single(a => a.GetProperty("alertId").GetString() == A1.Id);
        Assert.AreEqual(A.Id, reissue.GetProperty("reissueOf").GetString());
        Assert.IsTrue(reissue.GetProperty("weighedByPerson").GetBoolean());
        var story = root.GetProperty("story").EnumerateArray().ToList();
        CollectionAssert.AreEqual(new[] { "planned", "paused", "overridden", "re-issue" }, story.Select(e => e.GetProperty("outcome").GetString()).ToArray());
        Assert.AreEqual("a person (on the platform)", story[2].GetProperty("who").GetString());
        Assert.AreEqual("7 lineage", story[3].GetProperty("rule").GetString());
    }

    [TestMethod]
    public async Task Explain_of_a_campaign_with_no_history_says_so()
    {
        await using var tenant = await CliHarness.StartAsync([CliHarness.Campaign(Id, "Quiet", CampaignEntity.Running, "US-FL")], NwsFeed.Empty);

        var run = await tenant.RunAsync("explain", Id);

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "Ledger: no row; the service has never held this campaign.");
        StringAssert.Contains(run.Output, "no audit rows about this campaign.");
    }

    [TestMethod]
    public async Task Explain_writes_a_hostile_campaign_name_without_its_escapes()
    {
        await using var tenant = await StoryAsync("Evil\u001b[2J\u001b]0;owned\u0007\u202eName");

        var run = await tenant.RunAsync("explain", Id);

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        Assert.IsFalse(run.Output.Any(c => c is '\u001b' or '\u0007' or '\u202e'), run.Output);
        StringAssert.Contains(run.Output, "Evil?[2J?]0;owned??Name");
    }

    [TestMethod]
    public async Task Explain_refuses_an_unsafe_campaign_id()
    {
        await using var tenant = await CliHarness.StartAsync([], NwsFeed.Empty);

        var run = await tenant.RunAsync("explain", "../oauth2/token");

        Assert.AreEqual(ExitCodes.InvalidUsage, run.ExitCode, run.ToString());
    }
}
