using WeatherCampaign.Cli;
using WeatherCampaign.Demo;

// The demo stops Azurite and the simulator in its finally blocks, so Ctrl+C and SIGTERM only cancel its token.
using var cancellation = new ConsoleCancellation();
return await DemoApp.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
