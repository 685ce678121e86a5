using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace CxoneSimulator;

/// <summary>The standalone program's command line: <c>--urls http://127.0.0.1:5080 --seed path/to/seed.json</c>.</summary>
internal sealed record StandaloneOptions(int Port, string? SeedPath)
{
    public const int DefaultPort = 5080;

    public const string Usage = "usage: CxoneSimulator [--urls http://127.0.0.1:5080] [--seed seed.json]";

    public static bool TryParse(string[] args, [NotNullWhen(true)] out StandaloneOptions? options, [NotNullWhen(false)] out string? problem)
    {
        options = null;
        problem = null;
        var port = DefaultPort;
        string? seed = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--urls" when value is not null:
                    if (!TryReadLoopbackPort(value, out port))
                    {
                        problem = $"--urls must be one http://127.0.0.1:PORT (or localhost) address; got '{value}'. The simulator binds to 127.0.0.1 only.";
                        return false;
                    }

                    i++;
                    break;
                case "--seed" when value is not null:
                    seed = value;
                    i++;
                    break;
                default:
                    problem = $"unknown or incomplete argument '{args[i]}'";
                    return false;
            }
        }

        options = new StandaloneOptions(port, seed);
        return true;
    }

    private static bool TryReadLoopbackPort(string urls, out int port)
    {
        port = 0;
        if (!Uri.TryCreate(urls.Split(';')[0], UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            return false;
        }

        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));
        port = uri.Port;
        return loopback;
    }
}
