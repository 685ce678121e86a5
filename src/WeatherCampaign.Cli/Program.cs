using WeatherCampaign.Cli;

using var cancellation = new ConsoleCancellation();
var environment = new CliEnvironment(Console.Out, Console.Error)
{
    Terminal = TerminalConsole.IsInteractive(Console.IsOutputRedirected, Console.IsErrorRedirected, Environment.GetEnvironmentVariable("NO_COLOR")),
};
return await CliApp.RunAsync(args, environment, cancellation.Token);
