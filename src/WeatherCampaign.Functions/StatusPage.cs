using System.Web;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using WeatherCampaign.Core.Dashboard;

namespace WeatherCampaign.Functions;

/// <summary>
/// The status page at <c>/api/status/</c>, behind App Service Authentication (Entra ID, infra/modules/functionApp.bicep): the
/// platform signs the person in and names them in the <c>X-MS-CLIENT-PRINCIPAL*</c> headers. The function key is not asked
/// for; without those headers the endpoint answers 401, key or no key.
/// </summary>
public sealed class StatusPage(DashboardEndpoint endpoint)
{
    [Function(nameof(StatusPage))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "status/{*path}")] HttpRequestData request, string? path, CancellationToken cancellationToken)
    {
        if (path is null && !request.Url.AbsolutePath.EndsWith('/'))
        {
            // The page's files and calls are relative to its folder.
            var moved = request.CreateResponse(System.Net.HttpStatusCode.MovedPermanently);
            moved.Headers.Add("Location", request.Url.AbsolutePath + "/");
            return moved;
        }

        var query = HttpUtility.ParseQueryString(request.Url.Query);
        var answer = await endpoint.HandleAsync(new DashboardRequest(
            request.Method,
            path ?? "",
            query.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => query[k] ?? "", StringComparer.OrdinalIgnoreCase),
            Header(request, "Host") ?? request.Url.Authority,
            Https: request.Url.Scheme == Uri.UriSchemeHttps || Header(request, "X-Forwarded-Proto") == "https" || Header(request, "X-ARR-SSL") is not null,
            Header(request, "Origin"),
            Header(request, "Cookie"),
            Header(request, "Content-Type"),
            await request.ReadAsStringAsync() ?? "",
            AppServiceUser.FromHeaders(Header(request, AppServiceUser.NameHeader), Header(request, AppServiceUser.PrincipalHeader))), cancellationToken);

        var response = request.CreateResponse((System.Net.HttpStatusCode)answer.Status);
        response.Headers.Add("Content-Type", answer.ContentType);
        foreach (var (name, value) in answer.Headers)
        {
            response.Headers.Add(name, value);
        }

        await response.Body.WriteAsync(answer.Body, cancellationToken);
        return response;
    }

    private static string? Header(HttpRequestData request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
