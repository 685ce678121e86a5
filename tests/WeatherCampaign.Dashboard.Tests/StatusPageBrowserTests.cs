using CxoneSimulator;
using OpenQA.Selenium;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Dashboard.Tests;

/// <summary>
/// The status page in headless Chromium, served by <c>weathercampaign dashboard</c> against Azurite and the simulator:
/// a hurricane over Florida held two campaigns; a blizzard over Boston and a flood over Houston make the next cycle pause
/// half of what still runs, over <c>Policy:MaxPauseShare</c> 0.4, so it waits for a person.
/// </summary>
[TestClass]
public sealed class StatusPageBrowserTests
{
    private const string Tampa = "camp-fl-tampa-0001";
    private const string Florida = "camp-fl-state-0002";
    private const string Boston = "camp-ma-boston-0003";
    private const string Houston = "camp-tx-houston-0004";
    private const string Ohio = "camp-oh-0005";
    private const string California = "camp-ca-0006";

    /// <summary>Markup in a campaign name: the page must show it as text.</summary>
    private const string BostonName = "<b>Boston</b> Renewals";

    public TestContext TestContext { get; set; } = null!;

    private static string User => Environment.UserName;

    private static IReadOnlyList<CampaignEntity> Campaigns { get; } =
    [
        CampaignEntity.Create(Tampa, "Tampa Bay Collections", CampaignEntity.Running, "UGC:FLZ151"),
        CampaignEntity.Create(Florida, "Florida Statewide Renewals", CampaignEntity.Running, "US-FL"),
        CampaignEntity.Create(Boston, BostonName, CampaignEntity.Running, "UGC:MAZ015"),
        CampaignEntity.Create(Houston, "Houston Win-back", CampaignEntity.Running, "UGC:TXC201"),
        CampaignEntity.Create(Ohio, "Ohio Valley Outreach", CampaignEntity.Running, "US-OH"),
        CampaignEntity.Create(California, "California Reminders", CampaignEntity.Running, "US-CA"),
    ];

    /// <summary>The hurricane's cycle goes through and holds two campaigns; the storm's next cycle is held for approval.</summary>
    private static async Task<DashboardSession> StormAsync()
    {
        var session = await DashboardSession.StartAsync(Campaigns, StormFeed.With(StormFeed.Hurricane), s => s["Policy:MaxPauseShare"] = "0.4");
        var first = await session.RunAsync("run");
        Assert.AreEqual(0, first.ExitCode, first.Output);
        session.SetFeed(StormFeed.With(StormFeed.Hurricane, StormFeed.Blizzard, StormFeed.Flood));
        var held = await session.RunAsync("run");
        StringAssert.Contains(held.Output, "waiting for a person", held.Output);
        await session.ServeAsync();
        return session;
    }

    private static HeadlessChromium Open(DashboardSession session)
    {
        var browser = HeadlessChromium.Start();
        browser.Page.Navigate().GoToUrl(session.Address);
        browser.WaitFor(_ => browser.Loaded.Length > 0, "the page's first refresh");
        return browser;
    }

    [TestMethod]
    public async Task Shows_the_alerts_holds_held_cycle_and_map_with_outside_text_as_text()
    {
        await using var session = await StormAsync();
        using var browser = Open(session);
        var page = browser.Page;

        Assert.AreEqual(User, page.FindElement(By.Id("user")).Text);
        Assert.IsTrue(page.FindElement(By.Id("approval")).Displayed, "the held cycle asks for approval");
        var alerts = page.FindElements(By.CssSelector("#alerts tbody tr")).Select(r => r.Text).ToList();
        Assert.HasCount(3, alerts);
        Assert.IsTrue(alerts.Any(a => a.Contains("Hurricane Warning", StringComparison.Ordinal) && a.Contains("Extreme", StringComparison.Ordinal)), string.Join("\n", alerts));
        Assert.IsTrue(alerts.Any(a => a.Contains("<img src=x onerror=alert(1)>Suffolk", StringComparison.Ordinal)), "the alert's markup is shown as text:\n" + string.Join("\n", alerts));
        var holds = page.FindElements(By.CssSelector("#holds tbody tr")).Select(r => r.Text).ToList();
        Assert.HasCount(2, holds);
        Assert.IsTrue(holds.All(h => h.Contains("not clear: alerts in force", StringComparison.Ordinal)), string.Join("\n", holds));
        Assert.IsEmpty(page.FindElements(By.CssSelector("main img, table img, table b")), "no element is made from outside text");

        Assert.Contains("sev-extreme", page.FindElement(By.CssSelector("path[data-state='FL']")).GetAttribute("class") ?? "");
        Assert.Contains("sev-severe", page.FindElement(By.CssSelector("path[data-state='MA']")).GetAttribute("class") ?? "");
        CollectionAssert.AreEquivalent(
            new[] { "12057", "12103", "25025", "48201" },
            page.FindElements(By.CssSelector("path[data-county]")).Select(p => p.GetAttribute("data-county")).ToArray(),
            "the counties the alerts name: SAME codes and the UGC county TXC201");
        Assert.AreEqual("2", page.FindElement(By.CssSelector("g[data-held='FL'] text")).Text, "two held campaigns marked in Florida");
        Assert.IsEmpty(page.FindElements(By.CssSelector("g[data-held='MA']")), "Boston is not held yet");

        var logs = page.Manage().Logs.GetLog(LogType.Browser).Where(l => l.Level >= LogLevel.Warning).Select(l => l.Message).ToList();
        Assert.IsEmpty(logs, "no script error or CSP violation:\n" + string.Join("\n", logs));
        TestContext.WriteLine("Screenshot: " + browser.SaveScreenshot(TestContext, "status-page-storm.png"));
    }

    [TestMethod]
    public async Task Approve_runs_the_held_cycle_with_the_signed_in_user_named_in_the_audit()
    {
        await using var session = await StormAsync();
        using var browser = Open(session);

        browser.ClickAndWaitForRefresh(browser.Page.FindElement(By.Id("approve")));

        StringAssert.Contains(browser.Page.FindElement(By.Id("message")).Text, $"approved by {User}: 2 pauses");
        var rows = await SharedAzurite.AuditRowsAsync(new AuditTrail(SharedAzurite.Tables), DateTimeOffset.UtcNow);
        var approved = rows.Single(r => r.Outcome == AuditOutcome.Approved);
        StringAssert.Contains(approved.Detail, $"approved by {User} on the status page");
        var planned = rows.Where(r => r.Outcome == AuditOutcome.Planned && r.CycleId == approved.CycleId).Select(r => r.CampaignId).ToArray();
        CollectionAssert.AreEquivalent(new[] { Boston, Houston }, planned);
        var queued = (await SharedAzurite.Queues.GetQueueClient(InterventionQueues.Name).PeekMessagesAsync(32)).Value
            .Select(m => InterventionMessage.Parse(m.Body.ToString()).CampaignId).ToArray();
        CollectionAssert.AreEquivalent(new[] { Boston, Houston }, queued, "the approved pauses wait on the queue for ApplyIntervention");
        Assert.IsFalse(browser.Page.FindElement(By.Id("approval")).Displayed, "nothing waits for approval any more");
    }

    [TestMethod]
    public async Task Adds_a_manual_hold_and_releases_it_each_audited_with_the_signed_in_user()
    {
        await using var session = await StormAsync();
        using var browser = Open(session);
        var page = browser.Page;
        var ledger = new HoldLedger(SharedAzurite.Tables);

        page.FindElement(By.Id("hold-campaign")).SendKeys(Ohio);
        page.FindElement(By.Id("hold-reason")).SendKeys("Regulator review until Friday");
        browser.ClickAndWaitForRefresh(page.FindElement(By.Id("hold-add")));

        StringAssert.Contains(page.FindElement(By.Id("message")).Text, $"Manual hold set on {Ohio} by {User}");
        Assert.AreEqual("Regulator review until Friday", (await ledger.GetAsync(Ohio))?.ManualHoldReason);
        var held = page.FindElements(By.CssSelector("#holds tbody tr.manual")).Single();
        StringAssert.Contains(held.Text, "Ohio Valley Outreach");
        StringAssert.Contains(held.Text, "not held now");
        StringAssert.Contains(held.Text, "Regulator review until Friday");
        TestContext.WriteLine("Screenshot: " + browser.SaveScreenshot(TestContext, "status-page.png"));

        browser.ClickAndWaitForRefresh(held.FindElement(By.CssSelector("button.release")));

        StringAssert.Contains(page.FindElement(By.Id("message")).Text, $"Manual hold on {Ohio} released by {User}");
        Assert.IsNull((await ledger.GetAsync(Ohio))?.ManualHoldReason);
        Assert.IsEmpty(page.FindElements(By.CssSelector("#holds tbody tr.manual")));
        var rows = await SharedAzurite.AuditRowsAsync(new AuditTrail(SharedAzurite.Tables), DateTimeOffset.UtcNow);
        StringAssert.Contains(rows.Single(r => r.Outcome == AuditOutcome.ManualHold && r.CampaignId == Ohio).Detail, $"Manual hold by {User}: Regulator review until Friday");
        StringAssert.Contains(rows.Single(r => r.Outcome == AuditOutcome.ManualRelease && r.CampaignId == Ohio).Detail, $"Manual hold released by {User}");

        page.FindElement(By.Id("audit-outcome")).SendKeys("manual-release");
        page.FindElement(By.Id("audit-apply")).Click();
        browser.WaitFor(p => p.FindElement(By.Id("audit-count")).Text == "(1)", "the audit filter to show the one release");
        StringAssert.Contains(page.FindElement(By.CssSelector("#audit tbody tr")).Text, "manual-release");
    }
}
