using System.Text.Json;
using CxoneSimulator;
using Microsoft.Extensions.Configuration;

namespace WeatherCampaign.Cli.Tests;

/// <summary>What one command printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Output)
{
    public IReadOnlyList<string> Lines => Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The table row that mentions <paramref name="campaignId"/>; fails when there is none.</summary>
    public string Row(string campaignId) =>
        Lines.SingleOrDefault(l => l.Contains(campaignId, StringComparison.Ordinal) && !l.StartsWith('[')) ?? throw new AssertFailedException($"No row for {campaignId} in:\n{Output}");

    public override string ToString() => $"exit {ExitCode}\n{Output}";
}

/// <summary>
/// A simulated tenant with the test's campaigns and NWS feed, the shared Azurite, and the CLI run in-process
/// (<see cref="CliApp.RunAsync(string[], TextWriter, IConfiguration?, CancellationToken)"/>) on settings pointing at both.
/// </summary>
internal sealed class CliHarness : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;

    private CliHarness(SimulatorServer simulator, Dictionary<string, string?> settings)
    {
        Simulator = simulator;
        _settings = settings;
    }

    public SimulatorServer Simulator { get; }

    public SimulatorState State => Simulator.State;

    public IReadOnlyDictionary<string, string?> Settings => _settings;

    public static async Task<CliHarness> StartAsync(IEnumerable<CampaignEntity> campaigns, string feed, Action<Dictionary<string, string?>>? settings = null)
    {
        var (simulator, values) = await SimulatedTenant.StartAsync(campaigns, feed, "(WeatherCampaign CLI tests, ops@example.com)");
        values["Regions:Groups:US-NE"] = "NY,NJ,PA,CT,RI,MA,VT,NH,ME";
        settings?.Invoke(values);
        return new CliHarness(simulator, values);
    }

    public void Set(string key, string? value) => _settings[key] = value;

    public Task<CliRun> RunAsync(params string[] args) => RunAsync(args, CancellationToken.None);

    public async Task<CliRun> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        var overrides = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
        var exitCode = await CliApp.RunAsync(args, output, overrides, cancellationToken);
        return new CliRun(exitCode, output.ToString());
    }

    public string StatusOf(string campaignId) => State.Get(campaignId)?.Status ?? "(gone)";

    public ValueTask DisposeAsync() => Simulator.DisposeAsync();

    public static CampaignEntity Campaign(string id, string name, string status, string region, bool automationOff = false)
    {
        var attributes = new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["region"] = JsonSerializer.SerializeToElement(region) };
        if (automationOff)
        {
            attributes["weather_automation"] = JsonSerializer.SerializeToElement("off");
        }

        return new CampaignEntity(id, name, status, attributes);
    }
}
