using CxoneSimulator;
using CxoneSimulator.CxoneAdmin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Moq;
using WeatherCampaign.Core.Campaigns;
using WeatherCampaign.Core.Interventions;
using WeatherCampaign.Core.Platforms.CxoneSkills;

namespace WeatherCampaign.Integration.Tests.Platforms.CxoneSkills;

/// <summary>The CXone skills adapter as the service wires it, against the simulator's CXone Admin API on loopback.</summary>
[TestClass]
public sealed class CxoneSkillsContractTests
{
    private static AdminSkill[] Mixed() =>
    [
        AdminSkill.Dialer(101, "Florida Renewals", notes: "region=US-FL,US-GA"),
        AdminSkill.Dialer(102, "Northeast Outreach [US-NE]"),
        AdminSkill.Dialer(103, "Texas Retention [US-TX] [weather:off]"),
        AdminSkill.Dialer(104, "Gulf Winback", running: false, notes: "region=US-AL weather_automation=off"),
        AdminSkill.Dialer(105, "Old Campaign [US-FL]", active: false),
        AdminSkill.Inbound(201, "Florida Inbound [US-FL]"),
        AdminSkill.ManualDial(301, "Florida Manual [US-FL]"),
    ];

    [TestInitialize]
    public Task ResetAsync() => SharedAzurite.ResetServiceStateAsync();

    [TestMethod]
    public async Task Password_grant_with_basic_client_authentication_then_one_discovery_cached_for_every_later_call()
    {
        await using var harness = await SkillsTenant.StartAsync(Mixed());
        var platform = harness.Get<ICampaignPlatform>();

        await platform.ListCampaignsAsync();
        await platform.ListCampaignsAsync();
        await platform.GetCampaignAsync("101");

        var admin = harness.Simulator.State.CxoneAdmin;
        Assert.AreEqual(1, admin.PasswordGrants, "the simulator grants only with Basic client credentials and the access key in the form");
        Assert.AreEqual(0, admin.RefusedGrants);
        Assert.AreEqual(1, harness.Simulator.State.CountFor(SimulatorEndpoint.CxoneAdminDiscovery));
        Assert.IsTrue(harness.Logs.Lines.Any(l => l.Contains("discovery named the tenant's API host", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task Prepare_does_the_grant_and_the_discovery_before_the_first_listing()
    {
        await using var harness = await SkillsTenant.StartAsync(Mixed());

        await harness.Get<ICampaignTokenSource>().PrepareAsync(CancellationToken.None);
        Assert.AreEqual(1, harness.Simulator.State.CxoneAdmin.PasswordGrants);
        Assert.AreEqual(1, harness.Simulator.State.CountFor(SimulatorEndpoint.CxoneAdminDiscovery));
        Assert.AreEqual(0, harness.Simulator.State.CountFor(SimulatorEndpoint.ListSkills));
        await harness.Get<ICampaignPlatform>().ListCampaignsAsync();

        Assert.AreEqual(1, harness.Simulator.State.CxoneAdmin.PasswordGrants, "the listing used the prepared session");
        Assert.AreEqual(1, harness.Simulator.State.CountFor(SimulatorEndpoint.CxoneAdminDiscovery));
    }

    [TestMethod]
    public async Task The_refresh_token_is_used_before_a_new_password_grant()
    {
        var clock = ServiceHarness.Clock();
        await using var harness = await SkillsTenant.StartAsync(Mixed(), time: clock);
        var platform = harness.Get<ICampaignPlatform>();
        await platform.ListCampaignsAsync();

        clock.Advance(TimeSpan.FromMinutes(56));
        await platform.ListCampaignsAsync();

        var admin = harness.Simulator.State.CxoneAdmin;
        Assert.AreEqual(1, admin.PasswordGrants);
        Assert.AreEqual(1, admin.RefreshGrants);
    }

    [TestMethod]
    public async Task A_refused_refresh_token_falls_back_to_the_password_grant()
    {
        var clock = ServiceHarness.Clock();
        await using var harness = await SkillsTenant.StartAsync(Mixed(), time: clock);
        var platform = harness.Get<ICampaignPlatform>();
        await platform.ListCampaignsAsync();
        harness.Simulator.State.CxoneAdmin.RevokeRefreshTokens();

        clock.Advance(TimeSpan.FromMinutes(56));
        var listing = await platform.ListCampaignsAsync();

        Assert.AreEqual(4, listing.Campaigns.Count);
        Assert.AreEqual(2, harness.Simulator.State.CxoneAdmin.PasswordGrants);
        Assert.AreEqual(1, harness.Simulator.State.CxoneAdmin.RefusedGrants, "the refresh token, once");
    }

    [TestMethod]
    public async Task Discovery_naming_an_unexpected_host_is_refused_and_the_cycle_says_why_with_no_token_sent()
    {
        await using var harness = await SkillsTenant.StartAsync(Mixed());
        harness.Simulator.State.SetFeed("nws", NwsFeed.With(NwsAlert.Hurricane("FLZ172")), NwsFeed.ContentType);
        harness.Simulator.State.CxoneAdmin.ApiEndpointOverride = "https://api-na1.attacker.example/";

        var cycle = await harness.Get<PollWeatherHandler>().RunAsync();

        StringAssert.Contains(cycle.Plan.Reason, "https://api-na1.attacker.example");
        StringAssert.Contains(cycle.Plan.Reason, "only https on a NICE domain");
        Assert.AreEqual(0, cycle.Messages.Count);
        Assert.IsFalse(harness.Simulator.State.Requests.Any(r => r.HadAuthorization && r.Endpoint != SimulatorEndpoint.CxoneAdminToken),
            "no bearer token went anywhere");
        Assert.AreEqual(0, harness.Simulator.State.CountFor(SimulatorEndpoint.ListSkills));
    }

    [TestMethod]
    public async Task Discovery_on_a_nice_domain_over_http_is_refused()
    {
        await using var harness = await SkillsTenant.StartAsync(Mixed());
        harness.Simulator.State.CxoneAdmin.ApiEndpointOverride = "http://api-na1.niceincontact.com";

        var error = await Assert.ThrowsExactlyAsync<CampaignListingException>(() => harness.Get<ICampaignPlatform>().ListCampaignsAsync());

        StringAssert.Contains(error.Message, "only https on a NICE domain");
    }

    [TestMethod]
    public async Task A_loopback_http_api_host_is_refused_without_AllowLoopbackEndpoints()
    {
        await using var harness = await SkillsTenant.StartAsync(Mixed(), s => s["CxoneAdmin:AllowLoopbackEndpoints"] = "false");

        var error = await Assert.ThrowsExactlyAsync<CampaignListingException>(() => harness.Get<ICampaignPlatform>().ListCampaignsAsync());

        StringAssert.Contains(error.Message, "CxoneAdmin:AllowLoopbackEndpoints=true");
        Assert.AreEqual(0, harness.Simulator.State.CountFor(SimulatorEndpoint.ListSkills));
    }

    [TestMethod]
    public async Task Listing_reads_every_page_by_top_and_skip_and_keeps_only_active_personal_connection_skills()
    {
        var skills = Enumerable.Range(1, 250).Select(i => AdminSkill.Dialer(1000 + i, $"Dialer {i} [US-NE]")).Concat(Mixed()).ToArray();
        await using var harness = await SkillsTenant.StartAsync(skills);

        var listing = await harness.Get<ICampaignPlatform>().ListCampaignsAsync();

        Assert.AreEqual(254, listing.Campaigns.Count);
        Assert.AreEqual(3, listing.PagesRead);
        var targets = harness.Simulator.State.Requests.Where(r => r.Endpoint == SimulatorEndpoint.ListSkills).Select(r => r.RawTarget).ToList();
        CollectionAssert.AreEqual(new[] { "skip=0", "skip=100", "skip=200" }, targets.Select(t => t[t.LastIndexOf("skip=", StringComparison.Ordinal)..]).ToArray());
        Assert.IsTrue(targets.All(t => t.Contains("mediaTypeId=4&outboundStrategy=Personal%20Connection&isActive=true&top=100", StringComparison.Ordinal)));
        Assert.IsFalse(listing.Campaigns.Any(c => c.Id is "105" or "201" or "301"));
    }

    [TestMethod]
    public async Task A_server_that_ignores_the_filters_still_yields_only_active_personal_connection_skills()
    {
        await using var harness = await SkillsTenant.StartAsync(Mixed());
        harness.Simulator.State.CxoneAdmin.IgnoreListingFilters = true;

        var listing = await harness.Get<ICampaignPlatform>().ListCampaignsAsync();

        CollectionAssert.AreEquivalent(new[] { "101", "102", "103", "104" }, listing.Campaigns.Select(c => c.Id).ToArray());
    }

    [TestMethod]
    public async Task An_empty_tenant_answers_204_and_lists_nothing()
    {
        await using var harness = await SkillsTenant.StartAsync([AdminSkill.Inbound(201, "Inbound")]);

        var listing = await harness.Get<ICampaignPlatform>().ListCampaignsAsync();

        Assert.AreEqual(0, listing.Campaigns.Count);
    }

    [TestMethod]
    public async Task Regions_come_from_the_notes_and_the_name_and_opt_out_from_either()
    {
        await using var harness = await SkillsTenant.StartAsync(Mixed());

        var listing = (await harness.Get<ICampaignPlatform>().ListCampaignsAsync()).Campaigns.ToDictionary(c => c.Id);

        CollectionAssert.AreEqual(new[] { "US-FL", "US-GA" }, listing["101"].Regions.ToArray());
        CollectionAssert.AreEqual(new[] { "US-NE" }, listing["102"].Regions.ToArray());
        Assert.AreEqual("off", listing["103"].Attributes["weather_automation"], "[weather:off] in the name");
        Assert.AreEqual("off", listing["104"].Attributes["weather_automation"], "weather_automation=off in the notes");
        Assert.IsFalse(listing["101"].Attributes.ContainsKey("weather_automation"));
        Assert.AreEqual(CampaignStatus.Running, listing["101"].Status);
        Assert.AreEqual("running", listing["101"].RawStatus);
        Assert.AreEqual(CampaignStatus.Paused, listing["104"].Status);
        Assert.AreEqual("stopped", listing["104"].RawStatus);
    }

    [TestMethod]
    public async Task Stop_pauses_and_start_resumes_each_with_one_request_and_never_force()
    {
        await using var harness = await SkillsTenant.StartAsync(Mixed());
        var platform = harness.Get<ICampaignPlatform>();
        await platform.ListCampaignsAsync();
        var before = harness.Simulator.State.Requests.Count;

        var stop = await platform.SetStatusAsync("101", CampaignStatus.Paused);
        var afterStop = harness.Simulator.State.Requests.Count;
        Assert.IsFalse(harness.Simulator.State.CxoneAdmin.Get(101)!.IsRunning);
        var start = await platform.SetStatusAsync("101", CampaignStatus.Running);

        Assert.AreEqual(StatusChangeOutcome.Changed, stop.Outcome);
        Assert.AreEqual(StatusChangeOutcome.Changed, start.Outcome);
        Assert.IsTrue(harness.Simulator.State.CxoneAdmin.Get(101)!.IsRunning);
        Assert.AreEqual(1, afterStop - before, "one POST per change");
        Assert.AreEqual(2, harness.Simulator.State.CxoneAdmin.StatusChanges);
        Assert.AreEqual(0, harness.Simulator.State.CxoneAdmin.ForcedRequests);
    }

    [TestMethod]
    public async Task A_refused_start_is_read_back_and_classified()
    {
        await using var harness = await SkillsTenant.StartAsync(Mixed());
        var platform = harness.Get<ICampaignPlatform>();
        await platform.ListCampaignsAsync();
        harness.Simulator.State.CxoneAdmin.Upsert(AdminSkill.Dialer(104, "Gulf Winback", running: false, active: false));

        var running = await platform.SetStatusAsync("101", CampaignStatus.Running);
        var inactive = await platform.SetStatusAsync("104", CampaignStatus.Running);

        Assert.AreEqual(StatusChangeOutcome.AlreadyInStatus, running.Outcome, "start of a running skill: 400, read back running");
        Assert.AreEqual(StatusChangeOutcome.Conflict, inactive.Outcome, "start of an inactive skill: 400, read back inactive");
        Assert.AreEqual("inactive", inactive.Current!.RawStatus);
        Assert.AreEqual(2, harness.Simulator.State.CountFor(SimulatorEndpoint.GetSkill));
        Assert.AreEqual(0, harness.Simulator.State.CxoneAdmin.StatusChanges);
    }

    [TestMethod]
    public async Task A_skill_that_no_longer_exists_is_gone()
    {
        await using var harness = await SkillsTenant.StartAsync(Mixed());
        var platform = harness.Get<ICampaignPlatform>();

        var change = await platform.SetStatusAsync("999", CampaignStatus.Paused);

        Assert.AreEqual(StatusChangeOutcome.Gone, change.Outcome);
        Assert.IsNull(await platform.GetCampaignAsync("999"));
    }

    [TestMethod]
    public async Task A_429_with_Retry_After_is_waited_out_and_every_change_lands()
    {
        await using var harness = await SkillsTenant.StartAsync(Mixed());
        var platform = harness.Get<ICampaignPlatform>();
        await platform.ListCampaignsAsync();
        harness.Simulator.State.Faults.RequestsPerSecond = 1;
        harness.Simulator.State.Faults.Burst = 1;

        var changes = await Task.WhenAll(new[] { "101", "102" }.Select(id => platform.SetStatusAsync(id, CampaignStatus.Paused)));

        Assert.IsTrue(changes.All(c => c.Outcome == StatusChangeOutcome.Changed));
        Assert.IsTrue(harness.Simulator.State.TooManyRequestsCount >= 1);
        Assert.AreEqual(2, harness.Simulator.State.CxoneAdmin.StatusChanges);
    }

    [TestMethod]
    public async Task A_revoked_access_key_is_read_again_once_then_fails_clearly_without_a_secret()
    {
        var credentials = new Mock<ICxoneAdminCredentialSource>();
        var creds = new CxoneAdminCredentials(CxoneAdminState.ClientId, CxoneAdminState.ClientSecret, CxoneAdminState.AccessKeyId, CxoneAdminState.AccessKeySecret);
        credentials.Setup(c => c.GetAsync(It.IsAny<bool>(), It.IsAny<CancellationToken>())).ReturnsAsync(creds);
        await using var harness = await SkillsTenant.StartAsync(Mixed(), services: s => s.Replace(ServiceDescriptor.Singleton(credentials.Object)));
        var platform = harness.Get<ICampaignPlatform>();
        await platform.ListCampaignsAsync();
        harness.Simulator.State.CxoneAdmin.SetAccessKey(CxoneAdminState.AccessKeyId, null);
        harness.Simulator.State.RevokeAllTokens();

        var error = await Assert.ThrowsExactlyAsync<CampaignAuthenticationException>(() => platform.SetStatusAsync("101", CampaignStatus.Paused));

        StringAssert.Contains(error.Message, "access key is active");
        credentials.Verify(c => c.GetAsync(true, It.IsAny<CancellationToken>()), Times.Once());
        Assert.AreEqual(3, harness.Simulator.State.CxoneAdmin.RefusedGrants, "the refresh token, then the password grant twice");
        Assert.IsTrue(harness.Simulator.State.CxoneAdmin.Get(101)!.IsRunning);
        var text = error + string.Join('\n', harness.Logs.Lines);
        foreach (var secret in SkillsTenant.Secrets)
        {
            Assert.IsFalse(text.Contains(secret, StringComparison.Ordinal), "a secret or the access key reached a log or the exception");
        }

        Assert.IsFalse(text.Contains("Bearer ", StringComparison.OrdinalIgnoreCase) || text.Contains("Basic ", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task A_non_integer_id_is_refused_with_no_request()
    {
        await using var harness = await SkillsTenant.StartAsync(Mixed());
        var platform = harness.Get<ICampaignPlatform>();

        var error = await Assert.ThrowsExactlyAsync<CampaignApiException>(() => platform.SetStatusAsync("camp-101", CampaignStatus.Paused));

        StringAssert.Contains(error.Message, "positive whole number");
        Assert.IsFalse(error.IsTransient);
        Assert.AreEqual(0, harness.Simulator.State.Requests.Count);
    }

    [TestMethod]
    public async Task A_listed_id_that_is_not_an_integer_gets_a_rejected_row_and_no_request()
    {
        await using var harness = await SkillsTenant.StartAsync(Mixed(), services: s =>
            s.Replace(ServiceDescriptor.Singleton<ICampaignPlatform>(sp => new ListingWithExtra(
                ActivatorUtilities.CreateInstance<CxoneSkillsPlatform>(sp),
                new Campaign("12a", "Odd [US-FL]", CampaignStatus.Running, "running", ["US-FL"], new Dictionary<string, string>())))));
        harness.Simulator.State.SetFeed("nws", NwsFeed.With(NwsAlert.Hurricane("FLZ172")), NwsFeed.ContentType);

        var cycle = await harness.Get<PollWeatherHandler>().RunAsync();

        Assert.AreEqual(1, cycle.Plan.Refused.Count);
        StringAssert.Contains(cycle.Plan.Refused[0].Reason, "positive whole number");
        Assert.IsFalse(cycle.Messages.Any(m => m.Contains("\"12a\"", StringComparison.Ordinal)));
        Assert.IsTrue(cycle.Messages.Any(m => m.Contains("\"101\"", StringComparison.Ordinal)), "the Florida skill is still paused");
        Assert.IsFalse(harness.Simulator.State.Requests.Any(r => r.RawTarget.Contains("12a", StringComparison.Ordinal)));
    }

    /// <summary>The real adapter's listing with one extra campaign, as a tenant with an odd id would list it.</summary>
    private sealed class ListingWithExtra(ICampaignPlatform inner, Campaign extra) : ICampaignPlatform
    {
        public async Task<CampaignListing> ListCampaignsAsync(CancellationToken cancellationToken = default)
        {
            var listing = await inner.ListCampaignsAsync(cancellationToken);
            return listing with { Campaigns = [.. listing.Campaigns, extra] };
        }

        public Task<Campaign?> GetCampaignAsync(string campaignId, CancellationToken cancellationToken = default) => inner.GetCampaignAsync(campaignId, cancellationToken);

        public Task<StatusChange> SetStatusAsync(string campaignId, CampaignStatus target, CancellationToken cancellationToken = default) =>
            inner.SetStatusAsync(campaignId, target, cancellationToken);
    }
}
