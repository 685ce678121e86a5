using System.Net;
using Microsoft.Extensions.Time.Testing;
using WeatherCampaign.Core.Campaigns;

namespace WeatherCampaign.Core.Tests.Campaigns;

/// <summary>The adaptive pace on a fake clock: each step of the AIMD rule, driven by answers the test hands to the pacer.</summary>
[TestClass]
public sealed class CampaignRequestPacerTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly List<string> _log = [];

    private CampaignRequestPacer Pacer(double rate = 100, bool adaptive = true, double minimum = 0.5)
    {
        return new CampaignRequestPacer(new CampaignHttpPolicy(rate, 10, Second, Second, 0, adaptive, minimum), _clock, new ListLogger<CampaignRequestPacer>(_log));
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    private static void Accept(CampaignRequestPacer pacer, int answers)
    {
        for (var i = 0; i < answers; i++)
        {
            using var ok = Answer(HttpStatusCode.OK);
            pacer.Observe(ok, pacer.Timestamp());
        }
    }

    [TestMethod]
    public void Starts_at_the_configured_rate()
    {
        using var pacer = Pacer(rate: 100);

        Assert.AreEqual(100, pacer.RequestsPerSecond);
    }

    [TestMethod]
    public void A_429_in_the_first_second_cuts_the_pace_by_the_back_off_factor_and_logs_old_new_and_why()
    {
        using var pacer = Pacer(rate: 100);
        Accept(pacer, 3);

        using var throttled = Answer(HttpStatusCode.TooManyRequests);
        pacer.Observe(throttled, pacer.Timestamp());

        Assert.AreEqual(70, pacer.RequestsPerSecond, 1e-9);
        Assert.IsTrue(_log.Any(line => line.Contains("100 -> 70 requests/s: 429", StringComparison.Ordinal)), string.Join("\n", _log));
    }

    [TestMethod]
    public void A_429_after_a_second_of_answers_cuts_to_the_back_off_factor_of_what_the_tenant_accepted()
    {
        using var pacer = Pacer(rate: 20);
        for (var i = 0; i < 15; i++)
        {
            Accept(pacer, 1); // busy for a second and a half, the tenant letting 10 a second through
            _clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        using var throttled = Answer(HttpStatusCode.TooManyRequests);
        pacer.Observe(throttled, pacer.Timestamp());

        Assert.AreEqual(CampaignRequestPacer.BackOffFactor * 10, pacer.RequestsPerSecond, 1e-9);
    }

    [TestMethod]
    public void A_429_after_a_quiet_spell_cuts_from_the_pace_not_from_the_few_answers_since()
    {
        using var pacer = Pacer(rate: 100);
        Accept(pacer, 50);
        _clock.Advance(TimeSpan.FromMinutes(5)); // between cycles
        Accept(pacer, 1);

        using var throttled = Answer(HttpStatusCode.TooManyRequests);
        pacer.Observe(throttled, pacer.Timestamp());

        Assert.AreEqual(70, pacer.RequestsPerSecond, 1e-9);
    }

    [TestMethod]
    public void One_cut_takes_at_most_three_quarters_of_the_pace_even_when_nothing_was_accepted()
    {
        using var pacer = Pacer(rate: 100);
        for (var i = 0; i < 15; i++)
        {
            using var failed = Answer(HttpStatusCode.ServiceUnavailable);
            pacer.Observe(failed, pacer.Timestamp()); // busy, but nothing accepted
            _clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        using var throttled = Answer(HttpStatusCode.TooManyRequests);
        pacer.Observe(throttled, pacer.Timestamp());

        Assert.AreEqual(CampaignRequestPacer.BackOffFactor * 25, pacer.RequestsPerSecond, 1e-9);
    }

    [TestMethod]
    public void The_429s_of_attempts_sent_before_a_cut_do_not_cut_again()
    {
        using var pacer = Pacer(rate: 100);
        var sentTogether = pacer.Timestamp();
        _clock.Advance(TimeSpan.FromMilliseconds(100));

        for (var i = 0; i < 5; i++)
        {
            using var throttled = Answer(HttpStatusCode.TooManyRequests);
            pacer.Observe(throttled, sentTogether);
        }

        Assert.AreEqual(70, pacer.RequestsPerSecond, 1e-9);
    }

    [TestMethod]
    public void Never_cuts_below_the_minimum()
    {
        using var pacer = Pacer(rate: 2, minimum: 1.5);

        for (var i = 0; i < 5; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(10));
            using var throttled = Answer(HttpStatusCode.TooManyRequests);
            pacer.Observe(throttled, pacer.Timestamp());
        }

        Assert.AreEqual(1.5, pacer.RequestsPerSecond);
    }

    [TestMethod]
    public async Task Recovers_additively_one_step_a_second_while_requests_wait_and_never_above_the_configured_rate()
    {
        using var pacer = Pacer(rate: 10);
        using (var throttled = Answer(HttpStatusCode.TooManyRequests))
        {
            pacer.Observe(throttled, pacer.Timestamp()); // 10 -> 7, step 7 / 20 = 0.35 a second
        }

        var waiting = Enumerable.Range(0, 200).Select(_ => pacer.Limiter.AcquireAsync(1).AsTask()).ToList(); // keeps requests waiting
        var rates = new List<double>();
        for (var second = 0; second < 12; second++)
        {
            _clock.Advance(Second);
            Accept(pacer, 1);
            rates.Add(Math.Round(pacer.RequestsPerSecond, 2));
        }

        CollectionAssert.AreEqual(new[] { 7.35, 7.7, 8.05, 8.4, 8.75, 9.1, 9.45, 9.8, 10, 10, 10, 10 }, rates);
        pacer.Dispose();
        await Task.WhenAll(waiting);
    }

    [TestMethod]
    public void Does_not_recover_while_no_request_waits_for_the_pace()
    {
        using var pacer = Pacer(rate: 10);
        using (var throttled = Answer(HttpStatusCode.TooManyRequests))
        {
            pacer.Observe(throttled, pacer.Timestamp());
        }

        _clock.Advance(TimeSpan.FromSeconds(30));
        Accept(pacer, 1);

        Assert.AreEqual(7, pacer.RequestsPerSecond, 1e-9, "an idle process keeps what it learned");
    }

    [TestMethod]
    public void An_announced_limit_caps_the_pace_at_once()
    {
        using var pacer = Pacer(rate: 100);

        using var ok = Answer(HttpStatusCode.OK, ("RateLimit-Policy", "\"default\";q=600;w=60"));
        pacer.Observe(ok, pacer.Timestamp());

        Assert.AreEqual(10, pacer.RequestsPerSecond);
        Assert.IsTrue(_log.Any(line => line.Contains("100 -> 10 requests/s: the tenant announces 10 requests/s", StringComparison.Ordinal)), string.Join("\n", _log));
    }

    [TestMethod]
    public void An_announced_limit_above_the_configured_rate_is_not_taken()
    {
        using var pacer = Pacer(rate: 5);

        using var ok = Answer(HttpStatusCode.OK, ("inin-ratelimit-allowed", "3000"), ("inin-ratelimit-count", "1"));
        pacer.Observe(ok, pacer.Timestamp());

        Assert.AreEqual(5, pacer.RequestsPerSecond);
    }

    [TestMethod]
    public void Retry_after_holds_every_request_until_it_has_passed()
    {
        using var pacer = Pacer(rate: 100);
        using var throttled = Answer(HttpStatusCode.TooManyRequests, ("Retry-After", "1"));
        pacer.Observe(throttled, pacer.Timestamp());

        var waiter = pacer.Limiter.AcquireAsync(1).AsTask();
        _clock.Advance(Second - TimeSpan.FromMilliseconds(1));
        var early = waiter.IsCompleted;
        _clock.Advance(TimeSpan.FromMilliseconds(20));

        Assert.IsFalse(early, "nothing goes before the Retry-After");
        Assert.IsTrue(waiter.IsCompletedSuccessfully && waiter.Result.IsAcquired);
    }

    [TestMethod]
    public void Retry_after_as_an_http_date_holds_too()
    {
        using var pacer = Pacer(rate: 100);
        using var throttled = Answer(HttpStatusCode.TooManyRequests, ("Retry-After", (_clock.GetUtcNow() + Second).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        pacer.Observe(throttled, pacer.Timestamp());

        var waiter = pacer.Limiter.AcquireAsync(1).AsTask();
        _clock.Advance(TimeSpan.FromMilliseconds(900));

        Assert.IsFalse(waiter.IsCompleted);
    }

    [TestMethod]
    public void A_spent_window_holds_requests_until_its_reset()
    {
        using var pacer = Pacer(rate: 100);
        using var last = Answer(HttpStatusCode.OK, ("RateLimit-Remaining", "0"), ("RateLimit-Reset", "1"));
        pacer.Observe(last, pacer.Timestamp());

        var waiter = pacer.Limiter.AcquireAsync(1).AsTask();
        _clock.Advance(TimeSpan.FromMilliseconds(990));
        var early = waiter.IsCompleted;
        _clock.Advance(TimeSpan.FromMilliseconds(20));

        Assert.IsFalse(early);
        Assert.IsTrue(waiter.IsCompletedSuccessfully);
    }

    [TestMethod]
    public void Malformed_rate_limit_headers_change_nothing()
    {
        using var pacer = Pacer(rate: 100);

        using var odd = Answer(HttpStatusCode.OK, ("RateLimit-Policy", "q=;w=abc"), ("RateLimit", ";;=,"), ("X-RateLimit-Reset", "-5"), ("inin-ratelimit-allowed", "lots"));
        pacer.Observe(odd, pacer.Timestamp());

        Assert.AreEqual(100, pacer.RequestsPerSecond);
        Assert.IsTrue(pacer.Limiter.AttemptAcquire().IsAcquired, "no hold either");
    }

    [TestMethod]
    public void With_adaptive_pacing_off_the_pace_stays_as_configured()
    {
        using var pacer = Pacer(rate: 100, adaptive: false);

        using var throttled = Answer(HttpStatusCode.TooManyRequests, ("Retry-After", "1"), ("RateLimit-Policy", "\"d\";q=1;w=1"));
        pacer.Observe(throttled, pacer.Timestamp());

        Assert.AreEqual(100, pacer.RequestsPerSecond);
        Assert.IsTrue(pacer.Limiter.AttemptAcquire().IsAcquired);
    }
}
