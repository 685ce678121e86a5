using CxoneSimulator;

namespace WeatherCampaign.Cli.Tests;

[TestClass]
public sealed class TerminalWriterTests
{
    /// <summary>Clears the screen, retitles the terminal, rings the bell, then reverses the reading direction of what follows.</summary>
    private const string Escapes = "\u001b[2J\u001b]0;owned\u0007 \u202Egnissap\u202C \u0085";

    [TestMethod]
    public async Task Hostile_campaign_name_reaches_the_terminal_without_its_escapes_and_cut_to_length()
    {
        var hostile = "Tampa " + Escapes + new string('x', 5_000);
        var campaigns = Storm.Campaigns.Select(c => c.Id == Storm.Tampa ? CliHarness.Campaign(Storm.Tampa, hostile, CampaignEntity.Running, "UGC:FLZ151") : c).ToList();
        await using var tenant = await CliHarness.StartAsync(campaigns, Storm.Feed);

        var plan = await tenant.RunAsync("plan");
        var run = await tenant.RunAsync("run");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        foreach (var output in new[] { plan.Output, run.Output })
        {
            var unsafeChars = output.Where(c => c is '\u001b' or '\u0007' or '\u0085' or '\u202E' or '\u202C').ToList();
            Assert.AreEqual(0, unsafeChars.Count, "escape, bell, C1 and bidi characters reach the terminal as '?'");
            Assert.IsFalse(output.Contains(new string('x', TerminalWriter.MaxQuoted), StringComparison.Ordinal), "the name is cut");
        }

        StringAssert.Contains(run.Output, "Tampa ?[2J?]0;owned? ?gnissap? ?", "the text is still shown, made inert");
        Assert.AreEqual(CampaignEntity.Paused, tenant.State.Campaigns.Single(c => c.Id == Storm.Tampa).Status, "the campaign itself is handled as any other");
    }

    [TestMethod]
    public void Plain_text_passes_through_unchanged_and_without_a_copy()
    {
        const string text = "Florida Statewide Renewals (camp-fl-state-0002)\tpaused\n";

        Assert.AreSame(text, TerminalWriter.Clean(text));
        Assert.AreEqual("a?b?c", TerminalWriter.Clean("a\u001bb\u2066c"));
        Assert.AreEqual("xx...", TerminalWriter.Quote("xxxxxxxx", 5));
    }
}
