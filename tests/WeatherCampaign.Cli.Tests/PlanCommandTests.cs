using System.Globalization;
using System.Text.Json;
using CxoneSimulator;

namespace WeatherCampaign.Cli.Tests;

[TestClass]
public sealed class PlanCommandTests
{
    [TestMethod]
    public async Task Plan_prints_each_campaign_with_its_action_and_reason_and_changes_nothing()
    {
        await using var tenant = await Storm.StartAsync();

        var run = await tenant.RunAsync("plan");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        StringAssert.Matches(run.Row(Storm.Tampa), new(@"Tampa Bay Collections\s+camp-fl-tampa-0001\s+UGC:FLZ151\s+running\s+pause\s+Hurricane Warning \(Extreme\) until \d{4}-\d\d-\d\d"));
        StringAssert.Matches(run.Row(Storm.Boston), new(@"running\s+pause\s+Blizzard Warning \(Severe\) until"));
        StringAssert.Matches(run.Row(Storm.Florida), new(@"US-FL\s+running\s+pause\s+Hurricane Warning"));
        StringAssert.Matches(run.Row(Storm.Miami), new(@"paused\s+-\s+paused by someone else: not ours to resume; under Hurricane Warning"));
        StringAssert.Matches(run.Row(Storm.Gulf), new(@"US-TX,US-LA\s+running\s+-\s+not affected"));
        StringAssert.Contains(run.Row(Storm.Draft), "draft: never changed");
        StringAssert.Contains(run.Output, "(dry run: nothing changed): planned. 3 to pause, 0 to resume");
        StringAssert.Contains(run.Output, "2 of 3 alerts count");

        Assert.AreEqual(0, tenant.State.PatchCount);
        Assert.AreEqual(0, (await TestStorage.Ledger.ListAsync()).Count);
        var queued = await SharedAzurite.Queues.GetQueueClient("interventions").GetPropertiesAsync();
        Assert.AreEqual(0, queued.Value.ApproximateMessagesCount);
        Assert.IsTrue(tenant.State.Campaigns.Where(c => c.Id != Storm.Miami && c.Id != Storm.Draft).All(c => c.Status == CampaignEntity.Running));
    }

    [TestMethod]
    public async Task Plan_shows_a_hostile_campaign_name_literally_without_its_escapes_on_its_one_row()
    {
        const string Id = "camp-evil-0001";
        // Short enough not to be cut (34): markup a Spectre string would act on, a screen clear, a right-to-left override.
        var name = "Ev [red]x[/][link=h]y[/]\u001b[2J\u202eName";
        await using var tenant = await CliHarness.StartAsync([CliHarness.Campaign(Id, name, CampaignEntity.Running, "UGC:FLZ151")], Storm.Feed);

        var run = await tenant.RunAsync("plan");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        Assert.IsFalse(run.Output.Any(c => c is '\u001b' or '\u0007' or '\u202e'), run.Output);
        StringAssert.Matches(run.Row(Id), new(@"^Ev \[red]x\[/]\[link=h]y\[/]\?\[2J\?Name\s+camp-evil-0001\s+UGC:FLZ151\s+running\s+pause\s+Hurricane Warning"));
    }

    [TestMethod]
    public async Task Plan_json_is_one_document_with_every_decision()
    {
        await using var tenant = await Storm.StartAsync();

        var run = await tenant.RunAsync("plan", "--json");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        using var document = JsonDocument.Parse(run.Output);
        var root = document.RootElement;
        Assert.IsTrue(root.GetProperty("dryRun").GetBoolean());
        Assert.AreEqual("planned", root.GetProperty("verdict").GetString());
        var decisions = root.GetProperty("decisions").EnumerateArray().ToList();
        Assert.HasCount(Storm.Campaigns.Count, decisions);
        var pauses = decisions.Where(d => d.GetProperty("action").GetString() == "pause").Select(d => d.GetProperty("campaignId").GetString()).Order().ToList();
        CollectionAssert.AreEqual(Storm.Paused.Order().ToList(), pauses);
        var tampa = decisions.Single(d => d.GetProperty("campaignId").GetString() == Storm.Tampa);
        Assert.AreEqual("Extreme", tampa.GetProperty("severity").GetString());
        Assert.AreEqual("Hurricane Warning", tampa.GetProperty("events")[0].GetString());
        Assert.AreEqual(0, tenant.State.PatchCount);
    }

    [TestMethod]
    public async Task Plan_as_of_a_time_after_the_alerts_end_plans_nothing()
    {
        await using var tenant = await Storm.StartAsync();
        var later = NwsAlert.Now.AddDays(2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        var run = await tenant.RunAsync("plan", "--as-of", later);

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "0 to pause, 0 to resume");
        StringAssert.Contains(run.Output, "0 of 3 alerts count");
    }

    [TestMethod]
    public async Task Plan_refuses_an_as_of_that_is_not_a_time()
    {
        await using var tenant = await Storm.StartAsync();

        var run = await tenant.RunAsync("plan", "--as-of", "yesterday");

        Assert.AreEqual(ExitCodes.InvalidUsage, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "--as-of: 'yesterday' is not an ISO 8601 time");
    }

    [TestMethod]
    public async Task Plan_with_missing_settings_names_them_and_exits_2()
    {
        await using var tenant = await Storm.StartAsync(s =>
        {
            s["Cxone:ClientSecret"] = "";
            s["Weather:Feeds:0:Url"] = "ftp://feeds.example/alerts";
        });

        var run = await tenant.RunAsync("plan");

        Assert.AreEqual(ExitCodes.InvalidUsage, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "The settings are not valid");
        StringAssert.Contains(run.Output, "Cxone:ClientId and Cxone:ClientSecret must be set");
        StringAssert.Contains(run.Output, "Weather:Feeds:0:Url 'ftp://feeds.example/alerts'");
    }

    [TestMethod]
    [DataRow("Policy:MinimumSeverity", "Huge", "Policy:MinimumSeverity 'Huge' is not one of Unknown, Minor, Moderate, Severe, Extreme.", DisplayName = "an enum")]
    [DataRow("Cxone:PageSize", "0", "Cxone:PageSize '0' is not a whole number from 1 to 500.", DisplayName = "a number out of range")]
    [DataRow("Cxone:BaseUrl", "not-a-url", "Cxone:BaseUrl 'not-a-url' is not an absolute http(s) URL without a query or fragment, such as https://acme.niceincontact.com.", DisplayName = "a URL")]
    [DataRow("Policy:ClearFor", "soon", "Policy:ClearFor 'soon' is not a time span ([d.]hh:mm:ss, such as 00:30:00).", DisplayName = "a time span")]
    [DataRow("Platform:Kind", "amazon-connect", "Platform:Kind 'amazon-connect' is not one of cxone-campaigns, genesys-cloud, cxone-skills.", DisplayName = "a platform")]
    public async Task Plan_with_an_invalid_setting_prints_one_line_naming_it_its_value_and_the_allowed_values_and_exits_2(string key, string value, string line)
    {
        await using var tenant = await Storm.StartAsync(s => s[key] = value);

        var run = await tenant.RunAsync("plan");

        Assert.AreEqual(ExitCodes.InvalidUsage, run.ExitCode, run.ToString());
        CollectionAssert.AreEqual(new[] { "The settings are not valid (environment variables, --settings FILE):", "- " + line }, run.Lines.ToArray(), run.ToString());
        Assert.IsFalse(run.Output.Contains("Exception", StringComparison.Ordinal) || run.Output.Contains(" at ", StringComparison.Ordinal), "no stack trace: " + run);
    }
}
