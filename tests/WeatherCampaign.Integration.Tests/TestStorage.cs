[assembly: DoNotParallelize]

namespace WeatherCampaign.Integration.Tests;

/// <summary>One real Azurite for the whole assembly (<see cref="SharedAzurite"/>).</summary>
[TestClass]
public static class TestStorage
{
    [AssemblyInitialize]
    public static Task StartAsync(TestContext context) => SharedAzurite.StartAsync(context.CancellationTokenSource.Token);

    [AssemblyCleanup]
    public static Task StopAsync() => SharedAzurite.StopAsync();

    /// <summary>A table or queue name no other test uses.</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];
}
