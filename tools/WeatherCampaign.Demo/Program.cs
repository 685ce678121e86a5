using System.Runtime.InteropServices;
using WeatherCampaign.Demo;

// Ctrl+C and SIGTERM cancel the demo's token; it stops Azurite and the simulator in its finally blocks.
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

return await DemoApp.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
