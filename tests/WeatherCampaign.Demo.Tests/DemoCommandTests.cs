using WeatherCampaign.Cli;

namespace WeatherCampaign.Demo.Tests;

[TestClass]
public sealed class DemoCommandTests
{
    [TestMethod]
    public async Task Demo_pauses_under_the_storm_resumes_what_it_paused_and_leaves_the_person_paused_campaign_alone()
    {
        using var output = new StringWriter();

        var exitCode = await DemoApp.RunAsync([], output, CancellationToken.None);

        var text = output.ToString();
        Assert.AreEqual(ExitCodes.Success, exitCode, text);
        StringAssert.Contains(text, "Done: paused 5, resumed 0, skipped 0, conflicts 0, failed 0.");
        StringAssert.Contains(text, "held: clear for 5 of 30 min");
        StringAssert.Contains(text, "held by an operator: Tampa call center closed after storm damage");
        StringAssert.Contains(text, "Done: paused 0, resumed 4, skipped 0, conflicts 0, failed 0.");
        StringAssert.Contains(text, "the service paused 5 campaigns under the storm and resumed 4");
        StringAssert.Contains(text, "'Miami Appointment Reminders' was paused by a person in the hurricane's path: never touched, still paused.");
        StringAssert.Contains(text, "Every other campaign is back where it started: yes.");
        StringAssert.Matches(text, new(@"Gulf States Win-back\s+camp-7c31ea06\s+US-TX,US-LA\s+running\s+-\s+not affected"));
        StringAssert.Matches(text, new(@"Cape Cod Appointment Reminders\s+camp-61d4b8fa\s+UGC:MAZ022\s+running\s+-\s+opted out \(weather_automation=off\)"));
        StringAssert.Contains(text, "manual-hold");
    }

    [TestMethod]
    public async Task Demo_runs_on_its_own_settings_whatever_the_environment_says()
    {
        const string name = "Policy__Mode";
        var was = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, "DryRun");
        try
        {
            using var output = new StringWriter();

            var exitCode = await DemoApp.RunAsync([], output, CancellationToken.None);

            Assert.AreEqual(ExitCodes.Success, exitCode, output.ToString());
            StringAssert.Contains(output.ToString(), "Done: paused 5, resumed 0, skipped 0, conflicts 0, failed 0.");
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, was);
        }
    }

    [TestMethod]
    public async Task Demo_stops_when_cancelled()
    {
        using var output = new StringWriter();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var exitCode = await DemoApp.RunAsync([], output, cancelled.Token);

        Assert.AreEqual(ExitCodes.Cancelled, exitCode, output.ToString());
    }

    [TestMethod]
    public async Task The_demo_has_help()
    {
        using var output = new StringWriter();

        var exitCode = await DemoApp.RunAsync(["--help"], output, CancellationToken.None);

        Assert.AreEqual(ExitCodes.Success, exitCode, output.ToString());
        StringAssert.Contains(output.ToString(), "Usage:");
        StringAssert.Contains(output.ToString(), "--settings <FILE>");
    }
}
