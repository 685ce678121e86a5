using System.Text;

namespace WeatherCampaign.Cli;

/// <summary>
/// The one writer between the tool and a terminal, for its output and its errors alike. Text from outside (a campaign name,
/// a feed value, a reason phrase) may carry escape sequences that move the cursor, rewrite earlier lines or flip the reading
/// direction: every control character but line breaks and tabs, and every bidirectional control, is written as '?'.
/// </summary>
public sealed class TerminalWriter(TextWriter inner) : TextWriter
{
    /// <summary>The longest a quoted value from outside is shown (<see cref="Quote"/>).</summary>
    public const int MaxQuoted = 120;

    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override void Write(char value) => inner.Write(Safe(value));

    public override void Write(string? value) => inner.Write(value is null ? null : Clean(value));

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : Clean(value));

    public override void Flush() => inner.Flush();

    public override Task FlushAsync() => inner.FlushAsync();

    /// <summary>A value from outside, cut to <paramref name="max"/> characters, for a line that quotes it.</summary>
    public static string Quote(string? value, int max = MaxQuoted) =>
        value is null ? "" : value.Length <= max ? value : value[..Math.Max(0, max - 3)] + "...";

    /// <summary><paramref name="text"/> with every character a terminal would act on replaced.</summary>
    public static string Clean(string text)
    {
        foreach (var c in text)
        {
            if (Safe(c) != c)
            {
                return string.Create(text.Length, text, static (span, source) =>
                {
                    for (var i = 0; i < source.Length; i++)
                    {
                        span[i] = Safe(source[i]);
                    }
                });
            }
        }

        return text;
    }

    private static char Safe(char c) => c is '\n' or '\r' or '\t' || !(char.IsControl(c) || IsBidiControl(c)) ? c : '?';

    // The Unicode bidirectional formatting characters (UAX #9): marks, embeddings, overrides and isolates.
    private static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Flush();
        }

        base.Dispose(disposing);
    }
}
