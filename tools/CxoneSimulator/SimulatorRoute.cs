namespace CxoneSimulator;

/// <summary>Endpoint metadata telling the request pipeline which simulator endpoint a route is.</summary>
internal sealed record SimulatorRoute(SimulatorEndpoint Endpoint);
