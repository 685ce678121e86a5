using BenchmarkDotNet.Attributes;
using WeatherCampaign.Bench.Data;
using WeatherCampaign.Core.Alerts;

namespace WeatherCampaign.Bench.Micro;

/// <summary>Parsing a big-storm NWS GeoJSON feed (~20 MB, 2 000 alerts) and an ATOM-of-CAP feed (~600 KB), from bytes in memory.</summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private byte[] _nws = [];
    private byte[] _atom = [];
    private readonly NwsGeoJsonAlertParser _nwsParser = new();
    private readonly AtomCapAlertParser _atomParser = new();

    [GlobalSetup]
    public void Setup()
    {
        _nws = PlanningData.LargeNwsFeed();
        _atom = AtomFeedGenerator.Generate(entries: 350, PlanningData.FixedNow);
        Console.WriteLine($"// NWS feed: {_nws.Length:N0} bytes, {_nwsParser.Parse(_nws, "nws").Count:N0} alerts; ATOM feed: {_atom.Length:N0} bytes, {_atomParser.Parse(_atom, "atom").Count:N0} alerts");
    }

    [Benchmark(Description = "NWS GeoJSON ~20 MB, 2000 alerts")]
    public IReadOnlyList<WeatherAlert> Nws() => _nwsParser.Parse(_nws, "nws");

    [Benchmark(Description = "ATOM of CAP ~600 KB")]
    public IReadOnlyList<WeatherAlert> Atom() => _atomParser.Parse(_atom, "atom");
}
