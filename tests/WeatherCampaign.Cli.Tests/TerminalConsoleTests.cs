using System.Text.RegularExpressions;
using Spectre.Console;
using WeatherCampaign.Cli.Serve;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Cli.Tests;

/// <summary>The tool's tables on a redirected console (<see cref="TerminalConsole"/>) and its cells (<see cref="TerminalText"/>).</summary>
[TestClass]
public sealed class TerminalConsoleTests
{
    private static string[] Render(Table table, StringWriter output, IAnsiConsole console)
    {
        console.Write(table);
        return output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).ToArray();
    }

    [TestMethod]
    public void Columns_line_up_under_their_headers_and_long_cells_are_cut()
    {
        using var output = new StringWriter();
        var console = TerminalConsole.Create(output, interactive: false);
        var table = TerminalConsole.Table(console, "NAME", "STATUS", "REASON");
        table.AddRow(TerminalText.Cell("Boston Renewals"), TerminalText.Cell("paused"), TerminalText.Cell("Blizzard Warning (Severe)", 12));
        table.AddRow(TerminalText.Cell("NY"), TerminalText.Cell(null), TerminalText.Cell("short", 12));

        CollectionAssert.AreEqual(
            new[]
            {
                "NAME             STATUS  REASON",
                "Boston Renewals  paused  Blizzard ...",
                "NY               -       short",
            },
            Render(table, output, console));
    }

    [TestMethod]
    public void A_redirected_table_keeps_each_row_on_one_line_however_long()
    {
        using var output = new StringWriter();
        var console = TerminalConsole.Create(output, interactive: false);
        var table = TerminalConsole.Table(console, "ID", "REASON");
        var reason = string.Join(' ', Enumerable.Repeat("word", 60));
        table.AddRow(TerminalText.Cell("camp-1"), TerminalText.Cell(reason));

        var lines = Render(table, output, console);

        Assert.HasCount(2, lines, string.Join('\n', lines));
        StringAssert.EndsWith(lines[1], reason);
    }

    [TestMethod]
    public void Line_breaks_and_tabs_in_cells_cannot_break_the_layout()
    {
        using var output = new StringWriter();
        var console = TerminalConsole.Create(output, interactive: false);
        var table = TerminalConsole.Table(console, "A", "B");
        table.AddRow(TerminalText.Cell("line\nbreak"), TerminalText.Cell("tab\there"));

        StringAssert.Contains(Render(table, output, console)[1], "line break  tab here");
    }

    [TestMethod]
    public void Markup_escapes_and_bidi_controls_from_outside_are_shown_literally_and_harmless()
    {
        using var output = new StringWriter();
        var console = TerminalConsole.Create(output, interactive: false);
        var table = TerminalConsole.Table(console, "CAMPAIGN");
        table.AddRow(TerminalText.Cell("[red]Evil[/] \u001b[2J\u001b]0;owned\u0007\u202eName"));

        var text = string.Join('\n', Render(table, output, console));

        Assert.IsFalse(text.Any(c => c is '\u001b' or '\u0007' or '\u202e'), text);
        StringAssert.Contains(text, "[red]Evil[/] ?[2J?]0;owned??Name");
    }

    [TestMethod]
    public void On_a_terminal_long_cells_wrap_to_its_width_but_an_id_stays_whole()
    {
        using var output = new StringWriter();
        // Not a real terminal, so 80 columns; what matters is that it draws as on one.
        var console = TerminalConsole.Create(output, interactive: true);
        var table = TerminalConsole.Table(console, "CAMPAIGN", TerminalConsole.Id, "WHY");
        const string Id = "camp-2f8a6c1d-7e4b-4a90-b3c2-1d0e9f8a7b6c";
        table.AddRow(TerminalText.Cell("Tampa Bay Appointment Reminders"), TerminalText.Cell(Id), TerminalText.Cell("Hurricane Warning (Extreme) in UGC:FLZ172, UGC:FLZ151"));

        console.Write(table);

        // The colours are escape sequences: that is what a terminal is for. Without them, every line fits the 80 columns.
        var lines = Regex.Replace(output.ToString(), "\u001b\\[[0-9;]*m", "").Split('\n');
        Assert.IsTrue(TerminalConsole.IsLive(console));
        Assert.IsTrue(lines.All(l => l.TrimEnd('\r').Length <= 80), output.ToString());
        Assert.AreEqual(1, lines.Count(l => l.Contains(Id, StringComparison.Ordinal)), output.ToString());
        Assert.IsGreaterThan(5, lines.Length, "the rounded border and the wrapped cells take more lines than the row: " + output);
    }

    [TestMethod]
    public void On_a_terminal_the_only_escape_sequences_are_the_tables_own_colours()
    {
        using var output = new StringWriter();
        var console = TerminalConsole.Create(output, interactive: true);
        var table = TerminalConsole.Table(console, "CAMPAIGN");
        table.AddRow(TerminalText.Cell("[red]Evil[/] \u001b[2J\u001b]0;owned\u0007\u202eName"));

        console.Write(table);

        var text = Regex.Replace(output.ToString(), "\u001b\\[[0-9;]*m", "");
        Assert.IsFalse(text.Any(c => c is '\u001b' or '\u0007' or '\u202e'), text);
        StringAssert.Contains(text, "[red]Evil[/] ?[2J?]0;owned??Name");
    }

    [TestMethod]
    public void Only_a_terminal_without_NO_COLOR_gets_colour_and_live_displays()
    {
        Assert.IsTrue(TerminalConsole.IsInteractive(outputRedirected: false, errorRedirected: false, noColor: null));
        Assert.IsFalse(TerminalConsole.IsInteractive(outputRedirected: true, errorRedirected: false, noColor: null));
        Assert.IsFalse(TerminalConsole.IsInteractive(outputRedirected: false, errorRedirected: true, noColor: null));
        Assert.IsFalse(TerminalConsole.IsInteractive(outputRedirected: false, errorRedirected: false, noColor: "1"));
        // no-color.org: an empty NO_COLOR does not count.
        Assert.IsTrue(TerminalConsole.IsInteractive(outputRedirected: false, errorRedirected: false, noColor: ""));

        using var output = new StringWriter();
        var plain = TerminalConsole.Create(output, interactive: false);
        plain.Write(new Text("bold?", new Style(Color.Red, decoration: Decoration.Bold)));
        Assert.IsFalse(TerminalConsole.IsLive(plain));
        Assert.AreEqual("bold?", output.ToString(), "no escape sequence on a redirected console");
    }

    [TestMethod]
    public void Lines_written_during_a_live_display_are_cleaned_and_never_read_as_markup()
    {
        using var output = new StringWriter();
        var console = TerminalConsole.Create(output, interactive: false);
        var lines = TerminalConsole.Lines(console);

        lines.WriteLine("info: [bold]x[/] \u001b[31m\u202eend");
        lines.Write("partial");
        lines.Flush();

        Assert.AreEqual("info: [bold]x[/] ?[31m?end\npartial\n", output.ToString().ReplaceLineEndings("\n"));
    }

    [TestMethod]
    public void The_serve_tally_counts_what_was_applied_and_what_failed()
    {
        var tally = new ServeTally();
        var changes = 0;
        tally.Changed += () => changes++;
        Assert.AreEqual("nothing applied yet; 0 failed (left for a retry)", tally.ToString());

        tally.Applied(AuditOutcome.Paused);
        tally.Applied(AuditOutcome.Paused);
        tally.Applied(AuditOutcome.Resumed);
        tally.Failed();

        Assert.AreEqual("paused 2, resumed 1; 1 failed (left for a retry)", tally.ToString());
        Assert.AreEqual(4, changes);
    }
}
