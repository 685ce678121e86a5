using WeatherCampaign.Cli;

namespace WeatherCampaign.Demo.Tests;

[TestClass]
public sealed class DemoPlatformTests
{
    [TestMethod]
    [DataRow("genesys-cloud", "Tampa Bay Collections [UGC:FLZ151,UGC:FLZ251]", "Miami Appointment Reminders [UGC:FLZ173]")]
    [DataRow("cxone-skills", "Tampa Bay Collections", "Miami Appointment Reminders")]
    public async Task Demo_tells_the_same_story_on_each_platform(string platform, string operatorHeld, string personPaused)
    {
        using var output = new StringWriter();

        var exitCode = await DemoApp.RunAsync(["--platform", platform], output, CancellationToken.None);

        var text = output.ToString();
        Assert.AreEqual(ExitCodes.Success, exitCode, text);
        StringAssert.Contains(text, "Done: paused 5, resumed 0, skipped 0, conflicts 0, failed 0.");
        StringAssert.Contains(text, "held: clear for 5 of 30 min");
        StringAssert.Contains(text, "held by an operator: Tampa call center closed after storm damage");
        StringAssert.Contains(text, "Done: paused 0, resumed 4, skipped 0, conflicts 0, failed 0.");
        StringAssert.Contains(text, "the service paused 5 campaigns under the storm and resumed 4");
        StringAssert.Contains(text, $"'{operatorHeld}' stays paused: operator hold.");
        StringAssert.Contains(text, $"'{personPaused}' was paused by a person in the hurricane's path: never touched, still paused.");
        StringAssert.Contains(text, "Every other campaign is back where it started: yes.");
    }

    [TestMethod]
    public async Task On_genesys_cloud_the_regions_come_from_the_names_and_the_ids_are_guids()
    {
        using var output = new StringWriter();

        var exitCode = await DemoApp.RunAsync(["--platform", "genesys-cloud"], output, CancellationToken.None);

        var text = output.ToString();
        Assert.AreEqual(ExitCodes.Success, exitCode, text);
        StringAssert.Contains(text, "a simulated Genesys Cloud org");
        StringAssert.Matches(text, new(@"Gulf States Win-back \[US-TX,US-LA\]\s+7c31ea06-4f1e-4a7c-9b2d-00007c31ea06\s+US-TX,US-LA\s+on\s+-\s+not affected"));
        StringAssert.Matches(text, new(@"Boston Renewals \[UGC:MAZ015\]\s+\S+\s+UGC:MAZ015\s+stopping \(was on\)"));
        StringAssert.Contains(text, "opted out (weather_automation=off)");
    }

    [TestMethod]
    public async Task On_cxone_skills_the_regions_come_from_the_notes_and_inactive_skills_are_never_listed()
    {
        using var output = new StringWriter();

        var exitCode = await DemoApp.RunAsync(["--platform", "cxone-skills"], output, CancellationToken.None);

        var text = output.ToString();
        Assert.AreEqual(ExitCodes.Success, exitCode, text);
        StringAssert.Contains(text, "simulated CXone Personal Connection skills");
        StringAssert.Matches(text, new(@"Gulf States Win-back\s+24109\s+US-TX,US-LA\s+running\s+-\s+not affected"));
        StringAssert.Matches(text, new(@"Texas Winter Prep\s+24110\s+US-TX\s+inactive\s+inactive: never listed"));
        StringAssert.Contains(text, "7 of 10 campaigns affected");
        StringAssert.Contains(text, "opted out (weather_automation=off)");
    }

    [TestMethod]
    public async Task An_unknown_platform_is_a_usage_error()
    {
        using var output = new StringWriter();

        var exitCode = await DemoApp.RunAsync(["--platform", "avaya"], output, CancellationToken.None);

        Assert.AreEqual(ExitCodes.InvalidUsage, exitCode, output.ToString());
        StringAssert.Contains(output.ToString(), "genesys-cloud");
    }
}
