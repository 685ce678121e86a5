namespace WeatherCampaign.Core.Dashboard;

/// <summary>
/// One HTTP request to the status page, whichever server received it (the Functions HTTP trigger, the CLI's loopback listener).
/// </summary>
/// <param name="Path">The path below the page's root, without a leading slash: <c>""</c>, <c>app.js</c>, <c>api/status</c>.</param>
/// <param name="Authority">The request's own host and port (the Host header), what a same-origin request's Origin names.</param>
/// <param name="User">The signed-in person; null when the server could not tell (the endpoint then answers 401).</param>
public sealed record DashboardRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    string Authority,
    bool Https,
    string? Origin,
    string? Cookie,
    string? ContentType,
    string Body,
    string? User);

/// <summary>The answer to a <see cref="DashboardRequest"/>, for the server to write as it is.</summary>
public sealed record DashboardResponse(int Status, string ContentType, byte[] Body, IReadOnlyDictionary<string, string> Headers);
