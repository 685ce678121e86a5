using System.Text;
using Spectre.Console;

namespace WeatherCampaign.Cli;

/// <summary>Whole lines onto a Spectre console as plain <see cref="Text"/> (never markup); see <see cref="TerminalConsole.Lines"/>.</summary>
internal sealed class ConsoleLineWriter(IAnsiConsole console) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            console.Write(new Text(_line.ToString().TrimEnd('\r') + "\n"));
            _line.Clear();
        }
        else
        {
            _line.Append(value);
        }
    }

    public override void Flush()
    {
        if (_line.Length > 0)
        {
            Write('\n');
        }
    }
}
