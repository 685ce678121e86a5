using System.Text.Json;

namespace CxoneSimulator;

/// <summary>An OAuth client the token endpoint accepts.</summary>
public sealed record SeedClient(string ClientId, string ClientSecret, IReadOnlyList<string> Scopes);

/// <summary>A weather feed served under <c>/feeds/{name}</c>: a file (relative to the seed file) or an inline body.</summary>
public sealed record SeedFeed(string? File, string ContentType, string? Body = null);

/// <summary>The starting state of a simulator: clients, token lifetime, campaigns and feeds.</summary>
public sealed record SimulatorSeed
{
    public const string ReadScope = "outbound:campaign:read";
    public const string WriteScope = "outbound:campaign:write";
    public const string LocalClientId = "local-client";
    public const string LocalClientSecret = "local-secret";

    public IReadOnlyList<SeedClient> Clients { get; init; } = [];

    public int TokenLifetimeSeconds { get; init; } = 3600;

    public IReadOnlyList<CampaignEntity> Campaigns { get; init; } = [];

    public IReadOnlyDictionary<string, SeedFeed> Feeds { get; init; } = new Dictionary<string, SeedFeed>();

    /// <summary>The seed used when none is given: one read/write client and a handful of campaigns.</summary>
    public static SimulatorSeed Default { get; } = new()
    {
        Clients = [LocalClient()],
        Campaigns =
        [
            CampaignEntity.Create("camp-0b1c7e52-3a47-4c1e-9d0a-1f1e5c2a7b01", "Northeast Outreach Q3", CampaignEntity.Running, "US-NE", "America/New_York"),
            CampaignEntity.Create("camp-1d2e8f63-4b58-4d2f-8e1b-2a2f6d3b8c02", "New York Renewals", CampaignEntity.Running, "US-NY", "America/New_York"),
            CampaignEntity.Create("camp-2e3f9a74-5c69-4e30-9f2c-3b307e4c9d03", "Florida Gulf Coast Collections", CampaignEntity.Running, "UGC:FLZ172", "America/New_York"),
            CampaignEntity.Create("camp-3f40ab85-6d7a-4f41-a03d-4c418f5dae04", "Southeast Surveys", CampaignEntity.Paused, "US-FL,US-GA", "America/New_York"),
            CampaignEntity.Create("camp-4051bc96-7e8b-4052-b14e-5d529a6ebf05", "Texas Winter Prep", CampaignEntity.Draft, "US-TX", "America/Chicago"),
        ],
        Feeds = new Dictionary<string, SeedFeed>
        {
            ["alerts"] = new SeedFeed(File: null, ContentType: "application/json", Body: """{"alerts":[]}"""),
        },
    };

    /// <summary>Reads a seed file; feed files are resolved against the seed file's folder.</summary>
    public static SimulatorSeed Load(string path)
    {
        var fullPath = Path.GetFullPath(path);
        using var stream = File.OpenRead(fullPath);
        var seed = JsonSerializer.Deserialize<SimulatorSeed>(stream, SimulatorJson.Options)
            ?? throw new InvalidDataException($"Seed file '{fullPath}' is empty.");
        var folder = Path.GetDirectoryName(fullPath)!;
        return seed with
        {
            Feeds = seed.Feeds.ToDictionary(
                feed => feed.Key,
                feed => feed.Value.File is null ? feed.Value : feed.Value with { File = Path.GetFullPath(feed.Value.File, folder) },
                StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// Makes <paramref name="count"/> running campaigns spread round-robin over <paramref name="regions"/>,
    /// with ids like <c>camp-{guid}</c> and names like "Northeast Outreach 0042". The same
    /// <paramref name="randomSeed"/> gives the same campaigns, so benchmarks are repeatable.
    /// </summary>
    public static SimulatorSeed Generate(int count, IReadOnlyList<string> regions, int randomSeed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfZero(regions.Count);
        return new SimulatorSeed { Clients = [LocalClient()], Campaigns = CampaignFactory.Make(count, regions, new Random(randomSeed)) };
    }

    internal static SeedClient LocalClient() => new(LocalClientId, LocalClientSecret, [ReadScope, WriteScope]);
}
