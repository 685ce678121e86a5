namespace WeatherCampaign.Cli.Tests;

[TestClass]
public sealed class TextTableTests
{
    [TestMethod]
    public void Columns_line_up_under_their_headers_and_long_cells_are_cut()
    {
        var table = new TextTable(("NAME", 0), ("STATUS", 0), ("REASON", 12))
            .Add("Boston Renewals", "paused", "Blizzard Warning (Severe)")
            .Add("NY", null, "short");

        var lines = table.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        CollectionAssert.AreEqual(
            new[]
            {
                "NAME             STATUS  REASON",
                "---------------  ------  ------------",
                "Boston Renewals  paused  Blizzard ...",
                "NY               -       short",
            },
            lines);
    }

    [TestMethod]
    public void Control_characters_in_cells_cannot_break_the_layout()
    {
        var text = new TextTable("A", "B").Add("line\nbreak", "tab\there").ToString();

        StringAssert.Contains(text, "line break  tab here");
    }
}
