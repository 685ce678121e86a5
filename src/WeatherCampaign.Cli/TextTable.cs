namespace WeatherCampaign.Cli;

/// <summary>A plain text table: a header, a rule, left-aligned columns two spaces apart; long cells are cut with an ellipsis.</summary>
public sealed class TextTable
{
    private const string Gap = "  ";
    private readonly string[] _headers;
    private readonly int[] _maxWidths;
    private readonly List<string[]> _rows = [];

    /// <param name="columns">Each column's header, optionally with a maximum width: <c>("REASON", 70)</c>.</param>
    public TextTable(params (string Header, int MaxWidth)[] columns)
    {
        _headers = columns.Select(c => c.Header).ToArray();
        _maxWidths = columns.Select(c => c.MaxWidth <= 0 ? int.MaxValue : c.MaxWidth).ToArray();
    }

    public TextTable(params string[] headers)
        : this(headers.Select(h => (h, 0)).ToArray())
    {
    }

    public int Count => _rows.Count;

    public TextTable Add(params string?[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"The table has {_headers.Length} columns; {cells.Length} cells were given.", nameof(cells));
        }

        _rows.Add(cells.Select((cell, i) => Fit(cell, _maxWidths[i])).ToArray());
        return this;
    }

    public void WriteTo(TextWriter writer)
    {
        var widths = new int[_headers.Length];
        for (var i = 0; i < widths.Length; i++)
        {
            widths[i] = Math.Max(_headers[i].Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length));
        }

        WriteLine(writer, _headers, widths);
        WriteLine(writer, widths.Select(w => new string('-', w)).ToArray(), widths);
        foreach (var row in _rows)
        {
            WriteLine(writer, row, widths);
        }
    }

    public override string ToString()
    {
        using var writer = new StringWriter();
        WriteTo(writer);
        return writer.ToString();
    }

    private static void WriteLine(TextWriter writer, string[] cells, int[] widths)
    {
        var line = string.Join(Gap, cells.Select((cell, i) => i == cells.Length - 1 ? cell : cell.PadRight(widths[i])));
        writer.WriteLine(line.TrimEnd());
    }

    private static string Fit(string? cell, int maxWidth)
    {
        var text = string.IsNullOrEmpty(cell) ? "-" : cell.ReplaceLineEndings(" ");
        text = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return text.Length <= maxWidth ? text : text[..Math.Max(0, maxWidth - 3)] + "...";
    }
}
