using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CxoneSimulator.Genesys;

namespace CxoneSimulator.Tests.Genesys;

/// <summary>Speaks the simulated Genesys Cloud API of a <see cref="Tenant"/> the way a careful client would.</summary>
internal sealed class GenesysOrgClient(Tenant tenant)
{
    public GenesysOrg Org => tenant.State.Genesys;

    public Task<HttpResponseMessage> RequestTokenAsync(string? basic, string form = "grant_type=client_credentials")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, GenesysRoutes.LoginBase + "/oauth/token")
        {
            Content = new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
        if (basic is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }

        return tenant.Http.SendAsync(request);
    }

    public static string Basic(string id = SimulatorSeed.LocalClientId, string secret = SimulatorSeed.LocalClientSecret) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}"));

    public async Task<string> TokenAsync()
    {
        using var response = await RequestTokenAsync(Basic());
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
    }

    public async Task<(HttpResponseMessage Response, JsonObject? Body)> GetAsync(string pathAndQuery, string token)
    {
        var response = await tenant.Http.SendAsync(Tenant.Request(HttpMethod.Get, GenesysRoutes.CampaignsPath + pathAndQuery, token));
        return (response, JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject);
    }

    public async Task<(HttpResponseMessage Response, JsonObject? Body)> PutAsync(string id, JsonObject campaign, string token)
    {
        var request = Tenant.Request(HttpMethod.Put, GenesysRoutes.CampaignsPath + "/" + id, token);
        request.Content = new StringContent(campaign.ToJsonString(), Encoding.UTF8, "application/json");
        var response = await tenant.Http.SendAsync(request);
        return (response, JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject);
    }

    public static JsonObject With(JsonObject body, string field, JsonNode? value)
    {
        var copy = (JsonObject)body.DeepClone();
        copy[field] = value;
        return copy;
    }
}
