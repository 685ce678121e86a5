using Spectre.Console;

namespace WeatherCampaign.Cli;

/// <summary>
/// A value from outside (a campaign name, a feed value, a reason phrase) as a table cell: cleaned by <see cref="TerminalWriter"/>'s
/// rule, on one line, cut to its column's width, and a Spectre <see cref="Text"/>, which is never read as markup, so a name with
/// <c>[red]</c> in it is shown as written.
/// </summary>
public static class TerminalText
{
    /// <summary>What an empty cell shows.</summary>
    public const string Empty = "-";

    /// <param name="value">The value; null or empty shows <see cref="Empty"/>.</param>
    /// <param name="max">The longest the cell is shown; 0 for no limit.</param>
    public static Text Cell(string? value, int max = 0) => new(Line(value, max));

    /// <summary>The cell's text: line breaks and tabs as spaces (one row per record), other characters a terminal would act on as '?'.</summary>
    public static string Line(string? value, int max = 0)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Empty;
        }

        var text = TerminalWriter.Clean(value.ReplaceLineEndings(" ").Replace('\t', ' '));
        return max > 0 ? TerminalWriter.Quote(text, max) : text;
    }
}
