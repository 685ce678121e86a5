using CxoneSimulator;
using WeatherCampaign.Core.Platforms;

namespace WeatherCampaign.Demo.Platforms;

/// <summary>
/// The platform the demo tells its story on (<c>--platform</c>, <c>Platform:Kind</c>): how the demo's campaigns are seeded in
/// that platform's part of the simulator, the settings that point the service at it, and how its state reads back.
/// </summary>
internal abstract class DemoPlatform
{
    /// <summary>The <c>Platform:Kind</c> this demo runs.</summary>
    public abstract string Kind { get; }

    /// <summary>What the simulator plays, for the demo's first line: "a simulated CXone tenant".</summary>
    public abstract string Tenant { get; }

    /// <summary>Where in the simulator this platform is served, after its address ("" for the CXone campaign API at its root).</summary>
    public abstract string Place { get; }

    /// <summary>The demo's campaigns as this platform holds them, replacing whatever it held.</summary>
    public abstract void Seed(SimulatorState state, IReadOnlyList<DemoCampaign> campaigns);

    /// <summary>The settings that select this platform and point it at the simulator on <paramref name="simulatorBaseAddress"/>.</summary>
    public abstract IEnumerable<KeyValuePair<string, string?>> Settings(string simulatorBaseAddress);

    /// <summary>Every campaign as the simulator stores it now (not an API read, so nothing settles or counts).</summary>
    public abstract IReadOnlyList<DemoCampaignRow> Read(SimulatorState state);

    /// <summary>The id this platform gives the demo campaign whose CXone campaign id is <paramref name="key"/>.</summary>
    public abstract string IdOf(string key);

    public static DemoPlatform For(string kind) => kind switch
    {
        PlatformOptions.GenesysCloud => new GenesysCloudDemoPlatform(),
        PlatformOptions.CxoneSkills => new CxoneSkillsDemoPlatform(),
        _ => new CxoneCampaignsDemoPlatform(),
    };
}
