using Spectre.Console;

namespace WeatherCampaign.Cli;

/// <summary>
/// The Spectre.Console console the tool draws on. On a terminal a person watches: colour, rounded tables, the progress bar of
/// <c>run</c> and the status of <c>serve</c>. Anywhere else (a pipe, a file, a test's writer, the demo) or with <c>NO_COLOR</c> set:
/// plain text, no escape sequences, no live display, one line per table row however long, so scripts and tests read rows as before.
/// </summary>
public static class TerminalConsole
{
    /// <summary>Wide enough that no table of the tool wraps when redirected; the cells are cut long before (<see cref="TerminalText.Cell"/>).</summary>
    public const int PlainWidth = 500;

    /// <summary>Whether the process runs on a terminal a person watches: neither output redirected, and no <c>NO_COLOR</c> (https://no-color.org).</summary>
    public static bool IsInteractive(bool outputRedirected, bool errorRedirected, string? noColor) =>
        !outputRedirected && !errorRedirected && string.IsNullOrEmpty(noColor);

    /// <summary>The console over <paramref name="output"/>; <paramref name="interactive"/> as <see cref="IsInteractive"/> says.</summary>
    public static IAnsiConsole Create(TextWriter output, bool interactive)
    {
        if (interactive)
        {
            return AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.Detect,
                ColorSystem = ColorSystemSupport.Detect,
                Interactive = InteractionSupport.Yes,
                Out = new AnsiConsoleOutput(output),
            });
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
            // The CI enrichers would change the profile by the machine's environment; plain is plain everywhere.
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
        });
        console.Profile.Width = PlainWidth;
        return console;
    }

    /// <summary>Whether <paramref name="console"/> can show a live display (a progress bar, a status).</summary>
    public static bool IsLive(IAnsiConsole console) => console.Profile.Capabilities.Ansi && console.Profile.Capabilities.Interactive;

    /// <summary>The header of a column of ids: an operator copies them into the next command, so they never wrap.</summary>
    public const string Id = "ID";

    /// <summary>
    /// A table with these headers, drawn for the console: rounded and bold on a terminal (cells wrap to its width, but not an
    /// <see cref="Id"/> column); plain otherwise, columns two spaces apart, each row on one line.
    /// </summary>
    public static Table Table(IAnsiConsole console, params string[] headers)
    {
        var live = IsLive(console);
        var table = new Table { Expand = false, Border = live ? TableBorder.Rounded : TableBorder.None };
        if (live)
        {
            table.BorderStyle = new Style(Color.Grey);
        }

        foreach (var header in headers)
        {
            var column = new TableColumn(new Text(header, live ? new Style(decoration: Decoration.Bold) : Style.Plain));
            table.AddColumn(!live ? column.NoWrap().PadLeft(0).PadRight(2) : header == Id ? column.NoWrap() : column);
        }

        return table;
    }

    /// <summary>
    /// A writer whose lines go through <paramref name="console"/>, so they appear above a live display instead of tearing it;
    /// cleaned like everything the tool prints.
    /// </summary>
    public static TextWriter Lines(IAnsiConsole console) => TextWriter.Synchronized(new TerminalWriter(new ConsoleLineWriter(console)));
}
