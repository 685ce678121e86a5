using WeatherCampaign.Core.Notifications;

namespace WeatherCampaign.Core.Tests.Notifications;

[TestClass]
public sealed class NoticeTextTests
{
    [TestMethod]
    public void Slack_gets_its_three_control_characters_escaped() =>
        Assert.AreEqual("&lt;!here&gt; R&amp;D &lt;https://x.example|win&gt;", NoticeText.ForSlack("<!here> R&D <https://x.example|win>"));

    [TestMethod]
    public void An_adaptive_card_gets_markdown_punctuation_escaped_so_a_link_stays_text() =>
        Assert.AreEqual("\\[Pay now\\]\\(https://x\\.example\\) \\*\\*bold\\*\\* \\{\\{DATE\\(x\\)\\}\\}",
            NoticeText.ForAdaptiveCard("[Pay now](https://x.example) **bold** {{DATE(x)}}"));

    [TestMethod]
    public void Line_breaks_and_bidi_controls_never_reach_a_message_and_long_names_are_cut()
    {
        Assert.AreEqual("a  # heading", NoticeText.OneLine("a\r\n# heading"));
        Assert.AreEqual("evil.exe", NoticeText.OneLine("evil\u202E.exe"));
        Assert.AreEqual(NoticeText.MaxLength + 1, NoticeText.OneLine(new string('x', 5000)).Length);
    }
}
