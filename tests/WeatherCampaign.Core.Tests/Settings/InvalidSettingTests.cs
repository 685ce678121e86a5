using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Planning;

namespace WeatherCampaign.Core.Tests.Settings;

/// <summary>
/// Every invalid setting fails start-up of the whole service (<see cref="WeatherCampaignServiceCollectionExtensions.AddWeatherCampaign"/>)
/// with one line: the setting, the value given and the values allowed, whether the binder could convert the value or not.
/// </summary>
[TestClass]
public sealed class InvalidSettingTests
{
    private static Dictionary<string, string?> ValidSettings() => new()
    {
        ["Cxone:BaseUrl"] = "https://acme.example",
        ["Cxone:ClientId"] = "local-client",
        ["Cxone:ClientSecret"] = "local-secret",
        ["Weather:Feeds:0:Url"] = "https://feeds.example.com/alerts.json",
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
    };

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging().AddWeatherCampaign(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();

    /// <summary>The lines start-up validation fails with, each once (the feeds' resilience pipeline may report a Weather line again).</summary>
    private static async Task<string[]> StartUpFailures(params (string Key, string Value)[] invalid)
    {
        var settings = ValidSettings();
        foreach (var (key, value) in invalid)
        {
            settings[key] = value;
        }

        await using var services = Services(settings);

        var error = Assert.Throws<Exception>(
            () => services.GetRequiredService<IStartupValidator>().Validate());

        var failures = error is AggregateException aggregate
            ? aggregate.Flatten().InnerExceptions.Cast<OptionsValidationException>()
            : [(OptionsValidationException)error];
        return failures.SelectMany(f => f.Failures).Distinct(StringComparer.Ordinal).ToArray();
    }

    [TestMethod]
    public async Task The_valid_settings_start()
    {
        await using var services = Services(ValidSettings());

        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [TestMethod]
    public async Task An_enum_value_that_names_no_member_lists_the_names()
    {
        var failures = await StartUpFailures(("Policy:MinimumSeverity", "Huge"));

        CollectionAssert.AreEqual(new[] { "Policy:MinimumSeverity 'Huge' is not one of Unknown, Minor, Moderate, Severe, Extreme." }, failures);
    }

    [TestMethod]
    public async Task A_number_out_of_range_gives_the_range()
    {
        var failures = await StartUpFailures(("Cxone:PageSize", "0"));

        CollectionAssert.AreEqual(new[] { "Cxone:PageSize '0' is not a whole number from 1 to 500." }, failures);
    }

    [TestMethod]
    public async Task A_number_that_is_not_a_number_says_a_whole_number_is_wanted()
    {
        var failures = await StartUpFailures(("Cxone:PageSize", "lots"));

        CollectionAssert.AreEqual(new[] { "Cxone:PageSize 'lots' is not a whole number." }, failures);
    }

    [TestMethod]
    public async Task A_url_that_is_not_one_gives_the_required_form()
    {
        var failures = await StartUpFailures(("Cxone:BaseUrl", "not-a-url"));

        CollectionAssert.AreEqual(
            new[] { "Cxone:BaseUrl 'not-a-url' is not an absolute http(s) URL without a query or fragment, such as https://acme.niceincontact.com." },
            failures);
    }

    [TestMethod]
    public async Task A_time_span_that_is_not_one_gives_the_format()
    {
        var failures = await StartUpFailures(("Policy:ClearFor", "soon"));

        CollectionAssert.AreEqual(new[] { "Policy:ClearFor 'soon' is not a time span ([d.]hh:mm:ss, such as 00:30:00)." }, failures);
    }

    [TestMethod]
    public async Task A_value_inside_a_list_item_names_the_item()
    {
        var failures = await StartUpFailures(("Weather:Feeds:0:Format", "Xml"));

        CollectionAssert.AreEqual(new[] { "Weather:Feeds:0:Format 'Xml' is not one of Auto, Nws, Simple, Cap, Atom, AtomIndex, RssIndex, OpenFema." }, failures);
    }

    [TestMethod]
    public async Task An_optional_enum_may_also_be_empty()
    {
        var failures = await StartUpFailures(("Policy:MinimumUrgency", "Soon"));

        CollectionAssert.AreEqual(new[] { "Policy:MinimumUrgency 'Soon' is not one of Unknown, Past, Future, Expected, Immediate, or empty." }, failures);
    }

    [TestMethod]
    public async Task A_number_that_names_no_enum_member_is_refused_too()
    {
        var failures = await StartUpFailures(("Policy:Mode", "7"));

        CollectionAssert.AreEqual(new[] { "Policy:Mode '7' is not one of Enforce, DryRun." }, failures);
    }

    [TestMethod]
    public async Task Every_invalid_setting_is_reported_at_once_and_the_rest_of_its_section_is_still_read()
    {
        var failures = await StartUpFailures(("Policy:MinimumSeverity", "Huge"), ("Policy:LookAhead", "-01:00:00"), ("Cxone:PageSize", "0"));

        CollectionAssert.AreEquivalent(
            new[]
            {
                "Policy:MinimumSeverity 'Huge' is not one of Unknown, Minor, Moderate, Severe, Extreme.",
                "Policy:LookAhead '-01:00:00' is not a time span of 00:00:00 or more, such as 03:00:00.",
                "Cxone:PageSize '0' is not a whole number from 1 to 500.",
            },
            failures);
    }

    [TestMethod]
    public void A_section_with_an_unconvertible_value_fails_when_read_not_only_at_start_up()
    {
        var settings = ValidSettings();
        settings["Policy:MinimumSeverity"] = "Huge";
        using var services = Services(settings);

        var error = Assert.ThrowsExactly<OptionsValidationException>(() => services.GetRequiredService<IOptions<PolicyOptions>>().Value);

        StringAssert.Contains(error.Message, "Policy:MinimumSeverity 'Huge'");
    }
}
