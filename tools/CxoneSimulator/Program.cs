using CxoneSimulator;

if (!StandaloneOptions.TryParse(args, out var options, out var problem))
{
    Console.Error.WriteLine(problem);
    Console.Error.WriteLine(StandaloneOptions.Usage);
    return 2;
}

var seed = options.SeedPath is null ? SimulatorSeed.Default : SimulatorSeed.Load(options.SeedPath);
await using var server = await SimulatorServer.StartAsync(seed, options.Port);
Console.WriteLine($"CxoneSimulator listening on {server.BaseAddress}");
Console.WriteLine($"  seed: {options.SeedPath ?? "(built-in default)"}; {server.State.Campaigns.Count} campaigns; clients: {string.Join(", ", seed.Clients.Select(c => c.ClientId))}");
Console.WriteLine($"  control: {server.BaseAddress}/_sim/stats, /_sim/faults, /_sim/requests. Ctrl+C to stop.");
await server.WaitForShutdownAsync();
return 0;
