using WeatherCampaign.Core.Storage;

// The CLI uses the service's fixed table and queue names, so tests take turns on the one Azurite.
[assembly: DoNotParallelize]

namespace WeatherCampaign.Cli.Tests;

/// <summary>One real Azurite for the whole assembly (<see cref="SharedAzurite"/>).</summary>
[TestClass]
public static class TestStorage
{
    public static HoldLedger Ledger => new(SharedAzurite.Tables);

    public static AuditTrail Audit => new(SharedAzurite.Tables);

    [AssemblyInitialize]
    public static Task StartAsync(TestContext context) => SharedAzurite.StartAsync(context.CancellationTokenSource.Token);

    [AssemblyCleanup]
    public static Task StopAsync() => SharedAzurite.StopAsync();
}
