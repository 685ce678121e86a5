using System.Globalization;
using System.Text.Json;

namespace WeatherCampaign.Cli.Tests;

[TestClass]
public sealed class AuditCommandTests
{
    [TestMethod]
    public async Task Audit_by_campaign_shows_only_that_campaign_newest_first()
    {
        await using var tenant = await Storm.StartAsync();
        await tenant.RunAsync("run");

        var run = await tenant.RunAsync("audit", "--campaign", Storm.Tampa, "--json");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        using var document = JsonDocument.Parse(run.Output);
        var rows = document.RootElement.EnumerateArray().ToList();
        Assert.IsTrue(rows.All(r => r.GetProperty("campaignId").GetString() == Storm.Tampa), run.Output);
        CollectionAssert.AreEquivalent(new[] { "planned", "paused" }, rows.Select(r => r.GetProperty("outcome").GetString()).ToList());
        var times = rows.Select(r => r.GetProperty("occurredAt").GetDateTimeOffset()).ToList();
        CollectionAssert.AreEqual(times.OrderByDescending(t => t).ToList(), times, "newest first");
    }

    [TestMethod]
    public async Task Audit_by_outcome_shows_only_rows_with_that_outcome()
    {
        await using var tenant = await Storm.StartAsync();
        await tenant.RunAsync("run");

        var run = await tenant.RunAsync("audit", "--outcome", "paused");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        foreach (var id in Storm.Paused)
        {
            StringAssert.Matches(run.Row(id), new(@"\s+paused\s+.*pause\s+Hurricane|\s+paused\s+.*pause\s+Blizzard"));
        }

        Assert.IsFalse(run.Output.Contains("planned", StringComparison.Ordinal), run.Output);
        StringAssert.Contains(run.Output, "3 rows since");
    }

    [TestMethod]
    public async Task Audit_since_leaves_out_older_rows()
    {
        await using var tenant = await Storm.StartAsync();
        await tenant.RunAsync("run");
        var future = DateTimeOffset.UtcNow.AddMinutes(5).ToString("o", CultureInfo.InvariantCulture);

        var recent = await tenant.RunAsync("audit", "--since", "90m");
        var none = await tenant.RunAsync("audit", "--since", future);

        Assert.AreEqual(ExitCodes.Success, recent.ExitCode, recent.ToString());
        StringAssert.Contains(recent.Output, "cycle");
        Assert.AreEqual(2, recent.Lines.Count(l => l.Contains(Storm.Boston, StringComparison.Ordinal) && l.Contains("Blizzard Warning", StringComparison.Ordinal)), recent.Output);
        Assert.AreEqual(ExitCodes.Success, none.ExitCode, none.ToString());
        StringAssert.StartsWith(none.Lines[^1], "0 rows since");
    }

    [TestMethod]
    public async Task Audit_refuses_an_unknown_outcome_and_a_bad_since()
    {
        await using var tenant = await Storm.StartAsync();

        var outcome = await tenant.RunAsync("audit", "--outcome", "exploded");
        var since = await tenant.RunAsync("audit", "--since", "a while");

        Assert.AreEqual(ExitCodes.InvalidUsage, outcome.ExitCode, outcome.ToString());
        StringAssert.Contains(outcome.Output, "exploded");
        Assert.AreEqual(ExitCodes.InvalidUsage, since.ExitCode, since.ToString());
        StringAssert.Contains(since.Output, "neither an age (30s, 90m, 24h, 7d) nor an ISO 8601 time");
    }
}
