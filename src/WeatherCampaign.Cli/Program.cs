using WeatherCampaign.Cli;

using var cancellation = new ConsoleCancellation();
return await CliApp.RunAsync(args, Console.Out, Console.Error, overrides: null, cancellation.Token);
