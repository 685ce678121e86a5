using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace WeatherCampaign.Cli.Tests;

[TestClass]
public sealed class CliAppTests
{
    [TestMethod]
    [DataRow("plan")]
    [DataRow("run")]
    [DataRow("audit")]
    [DataRow("holds")]
    [DataRow("holds add")]
    [DataRow("holds release")]
    public async Task Every_command_has_help(string command)
    {
        using var output = new StringWriter();

        var exitCode = await CliApp.RunAsync([.. command.Split(' '), "--help"], output, overrides: null, CancellationToken.None);

        Assert.AreEqual(ExitCodes.Success, exitCode, output.ToString());
        StringAssert.Contains(output.ToString(), "Usage:");
        StringAssert.Contains(output.ToString(), "--settings <FILE>");
    }

    [TestMethod]
    public void The_operator_tool_uses_neither_the_simulator_nor_azurite()
    {
        // The demo that needs them is its own project (tools/WeatherCampaign.Demo); the shipped tool stays free of test doubles.
        var references = typeof(CliApp).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        CollectionAssert.DoesNotContain(references, "CxoneSimulator");
        CollectionAssert.DoesNotContain(references, "WeatherCampaign.DevTools");
    }

    [TestMethod]
    public async Task An_unknown_command_is_a_usage_error()
    {
        using var output = new StringWriter();

        var exitCode = await CliApp.RunAsync(["pause-everything"], output, overrides: null, CancellationToken.None);

        Assert.AreEqual(ExitCodes.InvalidUsage, exitCode, output.ToString());
    }

    [TestMethod]
    public async Task Settings_file_values_are_read_like_local_settings_json()
    {
        await using var tenant = await Storm.StartAsync();
        var path = Path.Combine(Path.GetTempPath(), $"weathercampaign-{Guid.NewGuid():N}.json");
        var values = tenant.Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { IsEncrypted = false, Values = values }));
        try
        {
            using var output = new StringWriter();

            var exitCode = await CliApp.RunAsync(["plan", "--settings", path], output, overrides: null, CancellationToken.None);

            Assert.AreEqual(ExitCodes.Success, exitCode, output.ToString());
            StringAssert.Contains(output.ToString(), "3 to pause");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public async Task A_settings_file_without_values_is_a_usage_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"weathercampaign-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{"Cxone__BaseUrl":"https://acme.example"}""");
        try
        {
            using var output = new StringWriter();

            var exitCode = await CliApp.RunAsync(["audit", "--settings", path], output, overrides: null, CancellationToken.None);

            Assert.AreEqual(ExitCodes.InvalidUsage, exitCode, output.ToString());
            StringAssert.Contains(output.ToString(), "has no \"Values\" object");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Local_settings_keys_with_double_underscores_become_sections()
    {
        var path = Path.Combine(Path.GetTempPath(), $"weathercampaign-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"IsEncrypted":false,"Values":{"Cxone__BaseUrl":"https://acme.example","Policy:MaxPauseShare":0.25,"Policy__Mode":"DryRun","FUNCTIONS_WORKER_RUNTIME":"dotnet-isolated"}}""");
        try
        {
            var settings = CliSettings.ReadLocalSettings(path);

            Assert.AreEqual("https://acme.example", settings["Cxone:BaseUrl"]);
            Assert.AreEqual("0.25", settings["Policy:MaxPauseShare"]);
            Assert.AreEqual("DryRun", settings["Policy:Mode"]);
            Assert.AreEqual("dotnet-isolated", settings["FUNCTIONS_WORKER_RUNTIME"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Environment_variables_can_be_left_out_so_only_the_callers_settings_count()
    {
        const string name = "WeatherCampaignCliTests__Probe";
        Environment.SetEnvironmentVariable(name, "from the environment");
        try
        {
            var overrides = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Cxone:BaseUrl"] = "https://acme.example" }).Build();

            var withEnvironment = CliSettings.Build(settingsFile: null, overrides);
            var withoutEnvironment = CliSettings.Build(settingsFile: null, overrides, environmentVariables: false);

            Assert.AreEqual("from the environment", withEnvironment["WeatherCampaignCliTests:Probe"]);
            Assert.IsNull(withoutEnvironment["WeatherCampaignCliTests:Probe"]);
            Assert.AreEqual("https://acme.example", withoutEnvironment["Cxone:BaseUrl"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [TestMethod]
    [DataRow("90m", 90 * 60)]
    [DataRow("24h", 24 * 3600)]
    [DataRow("7d", 7 * 86400)]
    [DataRow("30s", 30)]
    public void Since_reads_an_age(string text, int seconds)
    {
        var now = new DateTimeOffset(2025, 1, 15, 12, 0, 0, TimeSpan.Zero);

        Assert.AreEqual(now.AddSeconds(-seconds), CliSettings.ParseSince(text, now, out _));
    }

    [TestMethod]
    public void Since_reads_an_iso_time_as_utc_unless_it_names_an_offset()
    {
        var now = DateTimeOffset.UtcNow;

        Assert.AreEqual(new DateTimeOffset(2025, 1, 15, 12, 0, 0, TimeSpan.Zero), CliSettings.ParseSince("2025-01-15T12:00:00", now, out _));
        Assert.AreEqual(new DateTimeOffset(2025, 1, 15, 17, 0, 0, TimeSpan.Zero), CliSettings.ParseSince("2025-01-15T12:00:00-05:00", now, out _));
        Assert.IsNull(CliSettings.ParseSince("last week", now, out var problem));
        Assert.IsNotNull(problem);
    }
}
