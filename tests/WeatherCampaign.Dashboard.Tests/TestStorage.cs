// The page runs the service's fixed table and queue names, so tests take turns on the one Azurite (and the one browser).
[assembly: DoNotParallelize]

namespace WeatherCampaign.Dashboard.Tests;

/// <summary>One real Azurite for the whole assembly (<see cref="SharedAzurite"/>).</summary>
[TestClass]
public static class TestStorage
{
    [AssemblyInitialize]
    public static Task StartAsync(TestContext context) => SharedAzurite.StartAsync(context.CancellationTokenSource.Token);

    [AssemblyCleanup]
    public static Task StopAsync() => SharedAzurite.StopAsync();
}
