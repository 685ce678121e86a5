using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace WeatherCampaign.Core.Tests.Planning;

/// <summary>The resume settings at start-up: each bad one is one line naming the setting; the recommended profile starts.</summary>
[TestClass]
public sealed class ResumeSettingsTests
{
    [TestMethod]
    public async Task The_recommended_compliance_profile_starts()
    {
        Assert.AreEqual(0, (await StartUpFailures(
            ("Policy:ResumeNotBefore", "09:00"), ("Policy:ResumeNotAfter", "20:00"), ("Policy:BusinessDays", "Mon,Tue,Wed,Thu,Fri"),
            ("Policy:DefaultTimeZone", "America/New_York"), ("Policy:MinimumHold", "04:00:00"),
            ("Policy:HoldAfter:Hurricane_Warning", "3.00:00:00"), ("Policy:HoldAfter:Storm Surge Warning", "1.00:00:00"),
            ("Policy:States:OR:ResumeNextBusinessDay", "true"), ("Policy:States:LA:MinimumHold", "1.00:00:00"),
            ("Policy:MaxResumesPerCycle", "50"), ("Policy:MaxResumesPerRegionPerCycle", "20"))).Length);
    }

    [TestMethod]
    [DataRow("Policy:ResumeNotBefore", "25:00", "Policy:ResumeNotBefore '25:00' is not a local time of day from 00:00 to 23:59, such as 09:00.")]
    [DataRow("Policy:ResumeNotAfter", "9pm", "Policy:ResumeNotAfter '9pm' is not a local time of day from 00:00 to 23:59, such as 09:00.")]
    [DataRow("Policy:BusinessDays", "Mon,Funday", "Policy:BusinessDays 'Mon,Funday' is not a list of day names such as Mon,Tue,Wed,Thu,Fri or Mon-Fri ('Funday' is not a day).")]
    [DataRow("Policy:DefaultTimeZone", "Mars/Olympus_Mons", "Policy:DefaultTimeZone 'Mars/Olympus_Mons' is not a time zone this machine knows, an IANA id such as America/New_York.")]
    [DataRow("Policy:MinimumHold", "-01:00:00", "Policy:MinimumHold '-01:00:00' is not a time span from 00:00:00 to 30.00:00:00, days first (72 hours is 3.00:00:00: 72:00:00 reads as 72 days).")]
    [DataRow("Policy:HoldAfter:Hurricane Warning", "-1.00:00:00", "Policy:HoldAfter:Hurricane Warning '-1.00:00:00' is not a time span from 00:00:00 to 30.00:00:00, days first (72 hours is 3.00:00:00: 72:00:00 reads as 72 days).")]
    // The issue's own example: .NET reads it as 72 days, so it is refused rather than holding campaigns for ten weeks.
    [DataRow("Policy:HoldAfter:Hurricane Warning", "72:00:00", "Policy:HoldAfter:Hurricane Warning '72.00:00:00' is not a time span from 00:00:00 to 30.00:00:00, days first (72 hours is 3.00:00:00: 72:00:00 reads as 72 days).")]
    [DataRow("Policy:MaxResumesPerCycle", "-1", "Policy:MaxResumesPerCycle '-1' is not a whole number from 0 to 100000.")]
    [DataRow("Policy:MaxResumesPerRegionPerCycle", "-5", "Policy:MaxResumesPerRegionPerCycle '-5' is not a whole number from 0 to 100000.")]
    [DataRow("Policy:States:OR:ResumeNotBefore", "7", "Policy:States:OR:ResumeNotBefore '7' is not a local time of day from 00:00 to 23:59, such as 09:00.")]
    [DataRow("Policy:States:OR:BusinessDays", "Weekdays", "Policy:States:OR:BusinessDays 'Weekdays' is not a list of day names such as Mon,Tue,Wed,Thu,Fri or Mon-Fri ('Weekdays' is not a day).")]
    [DataRow("Policy:States:OR:MinimumHold", "-00:01:00", "Policy:States:OR:MinimumHold '-00:01:00' is not a time span from 00:00:00 to 30.00:00:00, days first (72 hours is 3.00:00:00: 72:00:00 reads as 72 days).")]
    [DataRow("Policy:States:Oregon:MinimumHold", "01:00:00", "Policy:States 'Oregon' is not a US state's postal code, such as OR.")]
    public async Task A_bad_resume_setting_is_one_line_naming_it(string key, string value, string expected)
    {
        CollectionAssert.AreEqual(new[] { expected }, await StartUpFailures((key, value)));
    }

    [TestMethod]
    [DataRow("20:00", "09:00", null, "Policy:ResumeNotBefore (20:00) is not before Policy:ResumeNotAfter (09:00): a resume window must open before it closes on the same day.")]
    [DataRow("09:00", "09:00", null, "Policy:ResumeNotBefore (09:00) is not before Policy:ResumeNotAfter (09:00): a resume window must open before it closes on the same day.")]
    [DataRow("09:00", "20:00", "21:00", "Policy:States:OR:ResumeNotBefore (21:00) is not before Policy:ResumeNotAfter (20:00): a resume window must open before it closes on the same day.")]
    public async Task A_window_that_closes_before_it_opens_is_refused(string notBefore, string notAfter, string? oregonNotBefore, string expected)
    {
        var settings = new List<(string, string)> { ("Policy:ResumeNotBefore", notBefore), ("Policy:ResumeNotAfter", notAfter) };
        if (oregonNotBefore is not null)
        {
            settings.Add(("Policy:States:OR:ResumeNotBefore", oregonNotBefore));
        }

        CollectionAssert.AreEqual(new[] { expected }, await StartUpFailures([.. settings]));
    }

    private static async Task<string[]> StartUpFailures(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Cxone:BaseUrl"] = "https://acme.example",
            ["Cxone:ClientId"] = "local-client",
            ["Cxone:ClientSecret"] = "local-secret",
            ["Weather:Feeds:0:Url"] = "https://feeds.example.com/alerts.json",
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        await using var services = new ServiceCollection().AddLogging()
            .AddWeatherCampaign(new ConfigurationBuilder().AddInMemoryCollection(values).Build()).BuildServiceProvider();
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (Exception error)
        {
            var failures = error is AggregateException aggregate
                ? aggregate.Flatten().InnerExceptions.Cast<OptionsValidationException>()
                : [(OptionsValidationException)error];
            return failures.SelectMany(f => f.Failures).Distinct(StringComparer.Ordinal).ToArray();
        }
    }
}
