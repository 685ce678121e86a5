using CxoneSimulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Moq;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Storage;

namespace WeatherCampaign.Integration.Tests.Failures;

/// <summary>
/// Case 4. Fault: every token revoked in the middle of a cycle; the client secret rotated in Key Vault.
/// Expected: exactly one new token and the work goes on; the token endpoint's 401 causes one re-read of the vault, then success.
/// </summary>
[TestClass]
public sealed class TokenFailureTests
{
    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    [TestMethod]
    public async Task Token_revoked_mid_cycle_is_replaced_exactly_once_and_the_work_continues()
    {
        await using var harness = await ServiceHarness.StartAsync(Scenario.Florida(6), Scenario.Fast());
        harness.HurricaneOverFlorida();
        var cycle = await harness.Get<PollWeatherHandler>().RunAsync();
        var state = harness.Simulator.State;
        var tokensBefore = state.TokensIssued;
        state.Faults.RevokeTokensAfterRequests = 2; // two pauses go through, then every token is gone
        var apply = harness.Get<ApplyInterventionHandler>();

        var outcomes = await Task.WhenAll(cycle.Messages.Select(m => apply.HandleAsync(m, 1)));

        Assert.IsTrue(outcomes.All(o => o == AuditOutcome.Paused), string.Join(", ", outcomes));
        Assert.AreEqual(1, state.TokensIssued - tokensBefore, "exactly one replacement token");
        Assert.IsTrue(state.Requests.Any(r => r.StatusCode == 401), "the revocation was met");
        Assert.AreEqual(6, state.StatusChanges);
    }

    [TestMethod]
    public async Task Secret_rotated_in_key_vault_is_read_again_once_and_the_cycle_succeeds()
    {
        var vault = new Mock<ICxoneCredentialSource>();
        var cached = new CxoneCredentials(SimulatorSeed.LocalClientId, SimulatorSeed.LocalClientSecret);
        vault.Setup(v => v.GetAsync(false, It.IsAny<CancellationToken>())).ReturnsAsync(() => cached);
        vault.Setup(v => v.GetAsync(true, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => cached = new CxoneCredentials(SimulatorSeed.LocalClientId, "rotated-in-the-vault"));
        await using var harness = await ServiceHarness.StartAsync(Scenario.Florida(2), Scenario.Fast(),
            services: s => s.Replace(ServiceDescriptor.Singleton(vault.Object)));
        harness.HurricaneOverFlorida();
        harness.Simulator.State.SetClientSecret(SimulatorSeed.LocalClientId, "rotated-in-the-vault");

        var outcomes = await EndToEndTests.RunCycleThroughQueueAsync(harness);

        CollectionAssert.AreEqual(new[] { AuditOutcome.Paused, AuditOutcome.Paused }, outcomes);
        vault.Verify(v => v.GetAsync(true, It.IsAny<CancellationToken>()), Times.Once);
        Assert.AreEqual(1, harness.Simulator.State.Requests.Count(r => r.Endpoint == SimulatorEndpoint.Token && r.StatusCode == 401));
        Assert.AreEqual(1, harness.Simulator.State.TokensIssued);
        Assert.AreEqual(2, harness.Simulator.State.StatusChanges);
    }
}
