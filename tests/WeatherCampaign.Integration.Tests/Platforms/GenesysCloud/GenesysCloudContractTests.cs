using System.Text;
using System.Text.Json.Nodes;
using CxoneSimulator;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Platforms.GenesysCloud;

namespace WeatherCampaign.Integration.Tests.Platforms.GenesysCloud;

/// <summary>The Genesys Cloud adapter as the service wires it, against the simulator's Genesys Cloud org on loopback.</summary>
[TestClass]
public sealed class GenesysCloudContractTests
{
    private static IEnumerable<JsonObject> Running(int count) =>
        Enumerable.Range(1, count).Select(i => GenesysHarness.Campaign(i, $"Florida {i:D3} [US-FL]"));

    [TestMethod]
    public async Task Token_is_requested_with_Basic_client_authentication_and_serves_every_call()
    {
        var wire = new GenesysWire();
        await using var harness = await GenesysHarness.StartAsync(Running(2), services: wire.Install);
        var platform = harness.Get<ICampaignPlatform>();

        await platform.ListCampaignsAsync();
        await platform.GetCampaignAsync(GenesysHarness.Id(1));
        await platform.SetStatusAsync(GenesysHarness.Id(2), CampaignStatus.Paused);

        var token = wire.Sent.Single(s => s.Path.EndsWith("/oauth/token", StringComparison.Ordinal));
        Assert.AreEqual("Basic", token.Scheme);
        Assert.AreEqual($"{SimulatorSeed.LocalClientId}:{SimulatorSeed.LocalClientSecret}", Encoding.UTF8.GetString(Convert.FromBase64String(token.Parameter!)));
        Assert.AreEqual("grant_type=client_credentials", token.Body, "nothing secret in the form");
        Assert.IsTrue(wire.Sent.Where(s => s != token).All(s => s.Scheme == "Bearer"));
        Assert.AreEqual(1, harness.Simulator.State.TokensIssued);
    }

    [TestMethod]
    public async Task Reads_every_page_of_a_250_campaign_listing_at_100_a_page()
    {
        await using var harness = await GenesysHarness.StartAsync(Running(250));

        var listing = await harness.Get<ICampaignPlatform>().ListCampaignsAsync();

        Assert.HasCount(250, listing.Campaigns);
        Assert.AreEqual(3, listing.PagesRead);
        Assert.AreEqual(3, harness.Simulator.State.CountFor(SimulatorEndpoint.GenesysListCampaigns));
        Assert.IsTrue(harness.Simulator.State.Requests.Where(r => r.Endpoint == SimulatorEndpoint.GenesysListCampaigns).All(r => r.RawTarget.Contains("pageSize=100", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task Each_status_word_maps_onto_a_neutral_status_and_the_word_is_kept()
    {
        string[] words = ["on", "off", "complete", "stopping", "forced_stopping", "invalid", "forced_off"];
        await using var harness = await GenesysHarness.StartAsync(words.Select((w, i) => GenesysHarness.Campaign(i + 1, "Status " + w, w)));

        var listing = await harness.Get<ICampaignPlatform>().ListCampaignsAsync();

        var byWord = listing.Campaigns.ToDictionary(c => c.RawStatus, c => c.Status);
        Assert.AreEqual(CampaignStatus.Running, byWord["on"]);
        Assert.AreEqual(CampaignStatus.Paused, byWord["off"]);
        Assert.AreEqual(CampaignStatus.Completed, byWord["complete"]);
        Assert.AreEqual(CampaignStatus.Transitioning, byWord["stopping"]);
        Assert.AreEqual(CampaignStatus.Transitioning, byWord["forced_stopping"]);
        Assert.AreEqual(CampaignStatus.Draft, byWord["invalid"]);
        Assert.AreEqual(CampaignStatus.Unknown, byWord["forced_off"]);
    }

    [TestMethod]
    public async Task Pause_PUTs_the_body_exactly_as_read_but_for_campaignStatus_unknown_fields_kept()
    {
        var wire = new GenesysWire();
        await using var harness = await GenesysHarness.StartAsync(Running(1), services: wire.Install);
        var platform = harness.Get<ICampaignPlatform>();
        await platform.ListCampaignsAsync();
        var before = harness.Simulator.State.Genesys.Get(GenesysHarness.Id(1))!;

        var change = await platform.SetStatusAsync(GenesysHarness.Id(1), CampaignStatus.Paused);

        Assert.AreEqual(StatusChangeOutcome.Changed, change.Outcome);
        Assert.AreEqual("stopping", change.Current!.RawStatus);
        var put = JsonNode.Parse(wire.Sent.Single(s => s.Method == HttpMethod.Put).Body!)!.AsObject();
        Assert.AreEqual("off", put["campaignStatus"]!.GetValue<string>());
        Assert.AreEqual(1, put["version"]!.GetValue<int>(), "the version read");
        put["campaignStatus"] = "on";
        Assert.IsTrue(JsonNode.DeepEquals(before, put), "identical but for the status:\n" + put.ToJsonString());
        Assert.IsNotNull(put["futureSetting"]?["levels"]?[2]?["deep"], "a field the service does not know went back untouched");
        Assert.IsEmpty(harness.Simulator.State.Genesys.FieldChanges);
    }

    [TestMethod]
    public async Task One_PUT_per_change_when_the_listing_holds_the_body_and_a_read_first_when_it_does_not()
    {
        await using var harness = await GenesysHarness.StartAsync(Running(10));
        var platform = harness.Get<ICampaignPlatform>();
        await platform.ListCampaignsAsync();
        var from = harness.Simulator.State.Requests.Count;

        for (var i = 1; i <= 5; i++)
        {
            Assert.AreEqual(StatusChangeOutcome.Changed, (await platform.SetStatusAsync(GenesysHarness.Id(i), CampaignStatus.Paused)).Outcome);
        }

        var cached = harness.Calls(from);
        CollectionAssert.AreEqual(Enumerable.Repeat("PUT GenesysPutCampaign 200", 5).ToArray(), cached.ToArray(), "1 request per change");

        await using var uncached = await GenesysHarness.StartAsync(Running(10));
        var cold = uncached.Get<ICampaignPlatform>();
        await cold.GetCampaignAsync(GenesysHarness.Id(10)); // the token, so only the changes are counted
        var start = uncached.Simulator.State.Requests.Count;
        for (var i = 1; i <= 5; i++)
        {
            await cold.SetStatusAsync(GenesysHarness.Id(i), CampaignStatus.Paused);
        }

        var calls = uncached.Calls(start);
        Assert.HasCount(10, calls, "2 requests per change without a listing: " + string.Join(", ", calls));
        Assert.AreEqual(5, calls.Count(c => c == "GET GenesysGetCampaign 200"));
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public async Task A_persons_edit_between_listing_and_PUT_survives(bool staleVersionAs400)
    {
        await using var harness = await GenesysHarness.StartAsync(Running(1));
        var org = harness.Simulator.State.Genesys;
        org.Rules.StaleVersionAs400 = staleVersionAs400;
        var platform = harness.Get<ICampaignPlatform>();
        await platform.ListCampaignsAsync();
        org.EditAsPerson(GenesysHarness.Id(1), body =>
        {
            body["callerName"] = "Changed by a supervisor";
            body["outboundLineCount"] = 12;
        });
        var from = harness.Simulator.State.Requests.Count;

        var change = await platform.SetStatusAsync(GenesysHarness.Id(1), CampaignStatus.Paused);

        Assert.AreEqual(StatusChangeOutcome.Changed, change.Outcome);
        var stale = staleVersionAs400 ? "PUT GenesysPutCampaign 400" : "PUT GenesysPutCampaign 409";
        CollectionAssert.AreEqual(new[] { stale, "GET GenesysGetCampaign 200", "PUT GenesysPutCampaign 200" }, harness.Calls(from).ToArray());
        var stored = org.Get(GenesysHarness.Id(1))!;
        Assert.AreEqual("Changed by a supervisor", stored["callerName"]!.GetValue<string>());
        Assert.AreEqual(12, stored["outboundLineCount"]!.GetValue<int>());
        Assert.AreEqual("stopping", stored["campaignStatus"]!.GetValue<string>());
        Assert.IsEmpty(org.FieldChanges, "the PUT that landed carried the person's edit, not the listing's stale body");
    }

    [TestMethod]
    public async Task Invalid_transition_is_read_back_and_classified_once_never_looped()
    {
        await using var harness = await GenesysHarness.StartAsync(Running(2));
        var org = harness.Simulator.State.Genesys;
        var platform = harness.Get<ICampaignPlatform>();
        await platform.ListCampaignsAsync();
        org.SetStatusAsPlatform(GenesysHarness.Id(1), "complete"); // the list ran out; the listed body still says on
        org.SetStatusAsPlatform(GenesysHarness.Id(2), "stopping"); // someone's off in progress
        var from = harness.Simulator.State.Requests.Count;

        var completed = await platform.SetStatusAsync(GenesysHarness.Id(1), CampaignStatus.Paused);
        var stopping = await platform.SetStatusAsync(GenesysHarness.Id(2), CampaignStatus.Paused);

        Assert.AreEqual(StatusChangeOutcome.Conflict, completed.Outcome);
        Assert.AreEqual("complete", completed.Current!.RawStatus);
        Assert.AreEqual(StatusChangeOutcome.AlreadyInStatus, stopping.Outcome, "stopping is an off in progress");
        CollectionAssert.AreEqual(
            new[] { "PUT GenesysPutCampaign 400", "GET GenesysGetCampaign 200", "PUT GenesysPutCampaign 400", "GET GenesysGetCampaign 200" },
            harness.Calls(from).ToArray());
        Assert.AreEqual("complete", org.StatusOf(GenesysHarness.Id(1)));
        Assert.AreEqual(0, org.StatusChanges);
    }

    [TestMethod]
    public async Task Stopping_is_listed_as_transitioning_counts_as_paused_and_settles_to_off()
    {
        await using var harness = await GenesysHarness.StartAsync(Running(1));
        var platform = harness.Get<ICampaignPlatform>();
        await platform.ListCampaignsAsync();
        await platform.SetStatusAsync(GenesysHarness.Id(1), CampaignStatus.Paused);

        var listed = (await platform.ListCampaignsAsync()).Campaigns.Single();
        var puts = harness.Simulator.State.Genesys.PutCount;
        var again = await platform.SetStatusAsync(GenesysHarness.Id(1), CampaignStatus.Paused);
        var resume = await Assert.ThrowsExactlyAsync<CampaignApiException>(() => platform.SetStatusAsync(GenesysHarness.Id(1), CampaignStatus.Running));
        var settled = (await platform.ListCampaignsAsync()).Campaigns.Single();

        Assert.AreEqual(CampaignStatus.Transitioning, listed.Status);
        Assert.AreEqual("stopping", listed.RawStatus);
        Assert.AreEqual(StatusChangeOutcome.AlreadyInStatus, again.Outcome);
        Assert.IsTrue(resume.IsTransient, "a resume waits for stopping to settle: " + resume.Message);
        Assert.AreEqual(puts, harness.Simulator.State.Genesys.PutCount, "no PUT against a stopping campaign");
        Assert.AreEqual(CampaignStatus.Paused, settled.Status);
    }

    [TestMethod]
    public async Task Campaign_deleted_after_the_listing_is_gone()
    {
        await using var harness = await GenesysHarness.StartAsync(Running(1));
        var platform = harness.Get<ICampaignPlatform>();
        await platform.ListCampaignsAsync();
        harness.Simulator.State.Genesys.Delete(GenesysHarness.Id(1));

        var change = await platform.SetStatusAsync(GenesysHarness.Id(1), CampaignStatus.Paused);

        Assert.AreEqual(StatusChangeOutcome.Gone, change.Outcome);
        Assert.IsNull(await platform.GetCampaignAsync(GenesysHarness.Id(1)));
    }

    [TestMethod]
    public async Task Retried_PUT_after_an_unanswered_attempt_that_meets_409_is_recognised_as_possibly_ours()
    {
        await using var harness = await GenesysHarness.StartAsync(Running(1), s => s["GenesysCloud:AttemptTimeout"] = "00:00:01");
        var platform = harness.Get<ICampaignPlatform>();
        await platform.ListCampaignsAsync();
        var faults = harness.Simulator.State.Faults;
        faults.ApplyThenHang = true;
        faults.HangMs = 3000;
        faults.HangNextRequests = 1;

        var change = await platform.SetStatusAsync(GenesysHarness.Id(1), CampaignStatus.Paused);

        Assert.AreEqual(StatusChangeOutcome.AlreadyInStatus, change.Outcome);
        Assert.IsTrue(change.EarlierAttemptUnanswered, "the 409 may be our own unanswered PUT");
        Assert.AreEqual(1, harness.Simulator.State.Genesys.StatusChanges);
        Assert.IsEmpty(harness.Simulator.State.Genesys.FieldChanges);
    }

    [TestMethod]
    public async Task Revoked_token_is_replaced_once_and_the_change_goes_through()
    {
        await using var harness = await GenesysHarness.StartAsync(Running(3));
        var platform = harness.Get<ICampaignPlatform>();
        await platform.ListCampaignsAsync();
        harness.Simulator.State.RevokeAllTokens();

        var changes = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => platform.SetStatusAsync(GenesysHarness.Id(i), CampaignStatus.Paused)));

        Assert.IsTrue(changes.All(c => c.Outcome == StatusChangeOutcome.Changed));
        Assert.AreEqual(2, harness.Simulator.State.TokensIssued);
    }

    [TestMethod]
    [DataRow("camp-1")]
    [DataRow("12345")]
    [DataRow("00000000000040008000000000000001")]
    public async Task Id_that_is_not_a_GUID_is_refused_without_any_request(string id)
    {
        await using var harness = await GenesysHarness.StartAsync(Running(1));
        var platform = harness.Get<ICampaignPlatform>();

        await Assert.ThrowsExactlyAsync<CampaignApiException>(() => platform.GetCampaignAsync(id));
        var refused = await Assert.ThrowsExactlyAsync<CampaignApiException>(() => platform.SetStatusAsync(id, CampaignStatus.Paused));

        Assert.IsFalse(refused.IsTransient);
        StringAssert.Contains(refused.Message, "GUID");
        Assert.IsEmpty(harness.Simulator.State.Requests, "not even a token request");
    }

    [TestMethod]
    public async Task Regions_come_from_name_brackets_and_with_the_setting_from_the_division_and_weather_off_opts_out()
    {
        JsonObject[] campaigns =
        [
            GenesysHarness.Campaign(1, "Florida Renewals [US-FL]", division: "Home"),
            GenesysHarness.Campaign(2, "Tri-state Winback [NY, NJ]", division: "US-CT"),
            GenesysHarness.Campaign(3, "Gulf Surveys", division: "Gulf [US-AL, US-MS]"),
            GenesysHarness.Campaign(4, "Keys Retention [US-FL] [weather:off]"),
        ];
        await using var byName = await GenesysHarness.StartAsync(campaigns);
        await using var byDivision = await GenesysHarness.StartAsync(campaigns, s => s["GenesysCloud:RegionFromDivision"] = "true");

        var names = (await byName.Get<ICampaignPlatform>().ListCampaignsAsync()).Campaigns.ToDictionary(c => c.Id);
        var divisions = (await byDivision.Get<ICampaignPlatform>().ListCampaignsAsync()).Campaigns.ToDictionary(c => c.Id);

        CollectionAssert.AreEqual(new[] { "US-FL" }, names[GenesysHarness.Id(1)].Regions.ToArray());
        CollectionAssert.AreEqual(new[] { "NY", "NJ" }, names[GenesysHarness.Id(2)].Regions.ToArray());
        Assert.IsEmpty(names[GenesysHarness.Id(3)].Regions);
        CollectionAssert.AreEqual(new[] { "US-FL", "Home" }, divisions[GenesysHarness.Id(1)].Regions.ToArray());
        CollectionAssert.AreEqual(new[] { "NY", "NJ", "US-CT" }, divisions[GenesysHarness.Id(2)].Regions.ToArray());
        CollectionAssert.AreEqual(new[] { "US-AL", "US-MS" }, divisions[GenesysHarness.Id(3)].Regions.ToArray());
        Assert.AreEqual("off", names[GenesysHarness.Id(4)].Attributes[CampaignLabels.AutomationKey]);
        CollectionAssert.AreEqual(new[] { "US-FL" }, names[GenesysHarness.Id(4)].Regions.ToArray());
    }

    [TestMethod]
    public async Task Prepare_fetches_the_token_the_listing_then_carries()
    {
        await using var harness = await GenesysHarness.StartAsync(Running(1));

        await harness.Get<ICampaignTokenSource>().PrepareAsync(CancellationToken.None);
        Assert.AreEqual(1, harness.Simulator.State.CountFor(SimulatorEndpoint.GenesysToken));
        Assert.AreEqual(0, harness.Simulator.State.CountFor(SimulatorEndpoint.GenesysListCampaigns));
        await harness.Get<ICampaignPlatform>().ListCampaignsAsync();

        Assert.AreEqual(1, harness.Simulator.State.CountFor(SimulatorEndpoint.GenesysToken), "the listing used the prepared token");
    }

    [TestMethod]
    public async Task Token_is_never_offered_to_a_host_other_than_the_api()
    {
        await using var harness = await GenesysHarness.StartAsync(Running(1));
        var tokens = harness.Get<GenesysTokenProvider>();
        var api = new Uri(harness.Configuration["GenesysCloud:ApiUrl"]! + "/api/v2/outbound/campaigns");
        var login = new Uri(harness.Configuration["GenesysCloud:LoginUrl"]! + "/oauth/token");

        Assert.IsNotEmpty(await tokens.GetTokenAsync(api, CancellationToken.None));
        await Assert.ThrowsExactlyAsync<CampaignApiException>(async () => await tokens.GetTokenAsync(login, CancellationToken.None));
        await Assert.ThrowsExactlyAsync<CampaignApiException>(async () => await tokens.GetTokenAsync(new Uri("https://api.mypurecloud.com.evil.example/api/v2/outbound/campaigns"), CancellationToken.None));
    }

    [TestMethod]
    public async Task No_secret_or_token_reaches_a_log_line_or_an_exception()
    {
        var wire = new GenesysWire();
        await using var harness = await GenesysHarness.StartAsync(Running(3), services: wire.Install);
        var platform = harness.Get<ICampaignPlatform>();
        await platform.ListCampaignsAsync();
        harness.Simulator.State.Genesys.EditAsPerson(GenesysHarness.Id(1), b => b["priority"] = 1);
        await platform.SetStatusAsync(GenesysHarness.Id(1), CampaignStatus.Paused);
        harness.Simulator.State.RevokeAllTokens();
        harness.Simulator.State.SetClientSecret(SimulatorSeed.LocalClientId, "rotated-elsewhere");
        var refused = await Assert.ThrowsExactlyAsync<CampaignAuthenticationException>(() => platform.SetStatusAsync(GenesysHarness.Id(2), CampaignStatus.Paused));

        var bearer = wire.Sent.Where(s => s.Scheme == "Bearer").Select(s => s.Parameter!).Distinct().ToList();
        var basic = wire.Sent.Where(s => s.Scheme == "Basic").Select(s => s.Parameter!).Distinct().ToList();
        Assert.IsNotEmpty(bearer);
        string[] secrets = [SimulatorSeed.LocalClientSecret, .. bearer, .. basic];
        var text = string.Join("\n", harness.Logs.Lines) + "\n" + refused;
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, text);
        }
    }
}
