using System.Text.Json;
using WeatherCampaign.DevTools;

namespace WeatherCampaign.Integration.Tests;

/// <summary>What the Functions host will index: the built functions.metadata of the Functions project.</summary>
[TestClass]
public sealed class FunctionsMetadataTests
{
    /// <summary>The Functions project's output folder, built in the same configuration as this test assembly (bin/&lt;Configuration&gt;/net10.0).</summary>
    private static string FunctionsOutput(string file)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        return Path.Combine(AzuriteServer.FindRepositoryRoot(), "src", "WeatherCampaign.Functions", "bin", configuration, "net10.0", file);
    }

    private static JsonElement[] Functions()
    {
        var path = FunctionsOutput("functions.metadata");
        Assert.IsTrue(File.Exists(path), "build the Functions project first: " + path);
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.EnumerateArray().ToArray();
    }

    private static JsonElement Binding(JsonElement function, string type) =>
        function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == type);

    [TestMethod]
    public void Declares_exactly_the_four_functions()
    {
        CollectionAssert.AreEquivalent(
            new[] { "PollWeather", "ApplyIntervention", "RecordPoisonedIntervention", "StatusPage" },
            Functions().Select(f => f.GetProperty("name").GetString()).ToArray());
    }

    [TestMethod]
    public void PollWeather_runs_on_the_FeedPollSchedule_setting_and_writes_to_interventions()
    {
        var poll = Functions().Single(f => f.GetProperty("name").GetString() == "PollWeather");

        Assert.AreEqual("%FeedPollSchedule%", Binding(poll, "timerTrigger").GetProperty("schedule").GetString());
        var output = Binding(poll, "queue");
        Assert.AreEqual("Out", output.GetProperty("direction").GetString());
        Assert.AreEqual("interventions", output.GetProperty("queueName").GetString());
    }

    [TestMethod]
    [DataRow("ApplyIntervention", "interventions")]
    [DataRow("RecordPoisonedIntervention", "interventions-poison")]
    public void Queue_functions_trigger_on_their_queue(string name, string queue)
    {
        var function = Functions().Single(f => f.GetProperty("name").GetString() == name);

        var trigger = Binding(function, "queueTrigger");
        Assert.AreEqual("In", trigger.GetProperty("direction").GetString());
        Assert.AreEqual(queue, trigger.GetProperty("queueName").GetString());
    }

    [TestMethod]
    [DataRow("ApplyIntervention")]
    [DataRow("RecordPoisonedIntervention")]
    public void Queue_functions_bind_the_typed_QueueMessage_so_the_host_hands_over_its_DequeueCount(string name)
    {
        var function = Functions().Single(f => f.GetProperty("name").GetString() == name);

        // A string parameter would be bound from the message text alone; a QueueMessage parameter is an SDK-type (deferred) binding.
        var properties = Binding(function, "queueTrigger").GetProperty("properties");
        Assert.AreEqual("True", properties.GetProperty("supportsDeferredBinding").GetString());
    }

    [TestMethod]
    public void StatusPage_is_an_http_trigger_under_status_that_leaves_sign_in_to_App_Service_Authentication()
    {
        var page = Functions().Single(f => f.GetProperty("name").GetString() == "StatusPage");

        var trigger = Binding(page, "httpTrigger");
        // Not "function": a key is no person. App Service Authentication signs people in; the endpoint refuses a request without them (401).
        Assert.AreEqual("Anonymous", trigger.GetProperty("authLevel").GetString());
        Assert.AreEqual("status/{*path}", trigger.GetProperty("route").GetString());
        CollectionAssert.AreEquivalent(new[] { "get", "post" }, trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()).ToArray());
    }

    [TestMethod]
    public void Host_json_ships_with_the_app()
    {
        var shipped = FunctionsOutput("host.json");

        Assert.AreEqual(File.ReadAllText(Path.Combine(AzuriteServer.FindRepositoryRoot(), "host.json")), File.ReadAllText(shipped));
    }
}
