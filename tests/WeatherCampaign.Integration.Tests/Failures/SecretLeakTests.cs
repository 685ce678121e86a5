using CxoneSimulator;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Interventions;

namespace WeatherCampaign.Integration.Tests.Failures;

/// <summary>
/// Case 10. Fault: all of the above in one run — a broken feed, a 429 storm, 5xx, a hang past the timeout, tokens revoked,
/// a refused client secret, a person's changes, a hostile id, a poisoned message.
/// Expected: the client secret and every token issued appear in no log line, exception, audit row or queue message.
/// </summary>
[TestClass]
public sealed class SecretLeakTests
{
    private const string Secret = "s3cret-7Qw9-Zx2p-do-not-leak";

    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    [TestMethod]
    public async Task Secret_and_tokens_appear_nowhere_across_a_run_with_every_fault()
    {
        var attempts = new AttemptLog();
        var campaigns = Scenario.Florida(8).Append(Scenario.Florida("../oauth2/token")).ToList();
        await using var harness = await ServiceHarness.StartAsync(campaigns,
            Scenario.Fast(maxRetries: 3, s => s["Cxone:ClientSecret"] = Secret, Scenario.ShortAttempt), services: attempts.Install);
        var state = harness.Simulator.State;
        state.SetClientSecret(SimulatorSeed.LocalClientId, Secret);
        var poll = harness.Get<PollWeatherHandler>();
        var apply = harness.Get<ApplyInterventionHandler>();
        var errors = new List<Exception>();
        var messages = new List<string>();

        harness.HurricaneOverFlorida();
        state.Faults.SetFeedFault("nws", FeedFault.Html);
        await poll.RunAsync();
        state.Faults.Reset();

        var cycle = await poll.RunAsync();
        messages.AddRange(cycle.Messages);
        state.Delete("camp-fl-07");
        state.SetStatusAsPerson("camp-fl-08", CampaignEntity.Draft);
        state.Faults.RequestsPerSecond = 8;
        state.Faults.Burst = 3;
        state.Faults.FailNextRequests = 2;
        state.Faults.RevokeTokensAfterRequests = 3;
        state.Faults.HangMs = 1000;
        state.Faults.HangNextRequests = 1;
        for (var delivery = 1; delivery <= 3 && messages.Count > 0; delivery++)
        {
            var failed = new List<string>();
            await Task.WhenAll(messages.Select(async m =>
            {
                try { await apply.HandleAsync(m, delivery); }
                catch (Exception ex) { lock (errors) { errors.Add(ex); failed.Add(m); } }
            }));
            messages = failed;
        }
        state.Faults.Reset();

        state.SetClientSecret(SimulatorSeed.LocalClientId, "someone-else-rotated-it");
        state.RevokeAllTokens();
        try { await harness.Get<ICampaignPlatform>().GetCampaignAsync("camp-fl-01"); }
        catch (Exception ex) { errors.Add(ex); }
        state.SetClientSecret(SimulatorSeed.LocalClientId, Secret);

        state.Faults.FailAllRequests = true;
        var doomed = Scenario.Pause("camp-fl-01", "cycle-s-00001").ToJson();
        try { await apply.HandleAsync(doomed, 5); }
        catch (Exception ex) { errors.Add(ex); }
        await harness.Get<RecordPoisonedInterventionHandler>().HandleAsync(doomed, 5);
        await apply.HandleAsync("""{"v":1,"id":"x","campaignId":"a/b","action":"pause","plannedAt":"2025-01-20T12:00:00Z"}""", 1);

        var secrets = attempts.Tokens.Append(Secret).ToList();
        Assert.IsGreaterThanOrEqualTo(3, secrets.Count, "the secret and at least two tokens (one replaced after the revocation)");
        Assert.IsNotEmpty(errors, "the faults were met");
        var rows = await harness.AuditAsync();
        var places = new List<(string Where, string Text)>();
        places.AddRange(harness.Logs.Lines.Select(l => ("log", l)));
        places.AddRange(errors.Select(e => ("exception", e.ToString())));
        places.AddRange(rows.Select(r => ("audit", r.ToString())));
        places.AddRange(cycle.Messages.Append(doomed).Select(m => ("queue message", m)));
        foreach (var secret in secrets)
        {
            var leak = places.FirstOrDefault(p => p.Text.Contains(secret, StringComparison.Ordinal));
            Assert.IsNull(leak.Text, $"a {(secret == Secret ? "client secret" : "token")} leaked into a {leak.Where}: {leak.Text}");
        }
    }
}
