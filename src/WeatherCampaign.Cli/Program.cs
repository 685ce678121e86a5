using System.Runtime.InteropServices;
using WeatherCampaign.Cli;

// Ctrl+C and SIGTERM cancel the command's token; every command stops what it started in its finally blocks.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});

return await CliApp.RunAsync(args, Console.Out, Console.Error, overrides: null, cancellation.Token);
