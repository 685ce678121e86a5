using CxoneSimulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Moq;
using WeatherCampaign.Core.Campaigns;

namespace WeatherCampaign.Integration.Tests.Client;

/// <summary>The campaign API client as the service wires it, against the simulator on loopback.</summary>
[TestClass]
public sealed class CampaignClientLoopbackTests
{
    private static IEnumerable<CampaignEntity> Campaigns(int count) =>
        Enumerable.Range(1, count).Select(i => CampaignEntity.Create($"camp-{i:D3}", $"Campaign {i}", CampaignEntity.Running, "US-NE"));

    [TestMethod]
    public async Task Fifty_callers_needing_a_token_at_once_make_one_token_request()
    {
        await using var harness = await ServiceHarness.StartAsync(Campaigns(1));
        var platform = harness.Get<ICampaignPlatform>();

        var reads = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => platform.GetCampaignAsync("camp-001")));

        Assert.IsTrue(reads.All(c => c?.Id == "camp-001"));
        Assert.AreEqual(1, harness.Simulator.State.TokensIssued);
    }

    [TestMethod]
    public async Task Reads_all_three_pages_of_a_120_campaign_listing()
    {
        await using var harness = await ServiceHarness.StartAsync(Campaigns(120), s => s["Cxone:PageSize"] = "50");

        var listing = await harness.Get<ICampaignPlatform>().ListCampaignsAsync();

        Assert.AreEqual(120, listing.Campaigns.Count);
        Assert.AreEqual(3, listing.PagesRead);
        Assert.AreEqual(3, harness.Simulator.State.CountFor(SimulatorEndpoint.ListCampaigns));
    }

    [TestMethod]
    public async Task Revoked_token_is_replaced_exactly_once_however_many_calls_meet_the_401()
    {
        await using var harness = await ServiceHarness.StartAsync(Campaigns(1));
        var platform = harness.Get<ICampaignPlatform>();
        await platform.GetCampaignAsync("camp-001");
        harness.Simulator.State.RevokeAllTokens();

        var reads = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => platform.GetCampaignAsync("camp-001")));

        Assert.IsTrue(reads.All(c => c is not null));
        Assert.AreEqual(2, harness.Simulator.State.TokensIssued, "the first token, then exactly one new one");
    }

    [TestMethod]
    public async Task Client_secret_rotated_in_the_vault_is_read_again_once_and_the_call_succeeds()
    {
        var credentials = new Mock<ICxoneCredentialSource>();
        var current = new CxoneCredentials(SimulatorSeed.LocalClientId, SimulatorSeed.LocalClientSecret);
        credentials.Setup(c => c.GetAsync(false, It.IsAny<CancellationToken>())).ReturnsAsync(() => current);
        credentials.Setup(c => c.GetAsync(true, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => current = new CxoneCredentials(SimulatorSeed.LocalClientId, "rotated-secret"));
        await using var harness = await ServiceHarness.StartAsync(Campaigns(1), services: s => s.Replace(ServiceDescriptor.Singleton(credentials.Object)));
        var platform = harness.Get<ICampaignPlatform>();
        await platform.GetCampaignAsync("camp-001");
        harness.Simulator.State.SetClientSecret(SimulatorSeed.LocalClientId, "rotated-secret");
        harness.Simulator.State.RevokeAllTokens();

        var campaign = await platform.GetCampaignAsync("camp-001");

        Assert.IsNotNull(campaign);
        credentials.Verify(c => c.GetAsync(true, It.IsAny<CancellationToken>()), Times.Once);
        Assert.AreEqual(2, harness.Simulator.State.TokensIssued);
    }

    [TestMethod]
    [DataRow("../oauth2/token")]
    [DataRow("a/b")]
    [DataRow("%2F..")]
    [DataRow("camp\u0001-1")]
    [DataRow("camp-1\r\nX-Injected: 1")]
    public async Task Unsafe_campaign_id_is_refused_before_any_request(string id)
    {
        await using var harness = await ServiceHarness.StartAsync(Campaigns(1));
        var platform = harness.Get<ICampaignPlatform>();

        await Assert.ThrowsExactlyAsync<UnsafeCampaignIdException>(() => platform.GetCampaignAsync(id));
        await Assert.ThrowsExactlyAsync<UnsafeCampaignIdException>(() => platform.SetStatusAsync(id, CampaignStatus.Paused));

        Assert.IsEmpty(harness.Simulator.State.Requests, "the simulator saw nothing, not even a token request");
    }

    [TestMethod]
    public async Task Ten_kilobyte_campaign_id_is_refused_before_any_request()
    {
        await using var harness = await ServiceHarness.StartAsync(Campaigns(1));

        await Assert.ThrowsExactlyAsync<UnsafeCampaignIdException>(() => harness.Get<ICampaignPlatform>().SetStatusAsync(new string('a', 10 * 1024), CampaignStatus.Paused));

        Assert.IsEmpty(harness.Simulator.State.Requests);
    }

    [TestMethod]
    public async Task Every_api_call_carries_a_bearer_token_and_accepts_json()
    {
        await using var harness = await ServiceHarness.StartAsync(Campaigns(60), s => s["Cxone:PageSize"] = "50");
        harness.Simulator.State.SetStatusAsPerson("camp-002", CampaignEntity.Paused);
        var platform = harness.Get<ICampaignPlatform>();

        await platform.ListCampaignsAsync();
        await platform.GetCampaignAsync("camp-001");
        await platform.SetStatusAsync("camp-001", CampaignStatus.Paused);
        await platform.SetStatusAsync("camp-002", CampaignStatus.Paused); // 409, then read back

        var state = harness.Simulator.State;
        var api = state.Requests.Where(r => r.Endpoint != SimulatorEndpoint.Token).ToList();
        Assert.HasCount(6, api);
        Assert.IsTrue(api.All(r => r.HadAuthorization), "every call authorized");
        Assert.IsTrue(api.All(r => r.StatusCode is 200 or 409), string.Join(", ", api.Select(r => r.StatusCode)));
        Assert.AreEqual(0, state.RequestsMissingAccept);
    }
}
