using System.Net;
using WeatherCampaign.Core.Alerts;

namespace WeatherCampaign.Core.Tests.Alerts;

[TestClass]
public sealed class FeedRedirectsTests
{
    [TestMethod]
    [DataRow("169.254.169.254", true, DisplayName = "the cloud metadata endpoint")]
    [DataRow("10.0.0.4", true)]
    [DataRow("172.20.1.1", true)]
    [DataRow("192.168.1.10", true)]
    [DataRow("100.64.0.1", true)]
    [DataRow("::ffff:10.0.0.4", true)]
    [DataRow("fd00::1", true)]
    [DataRow("fe80::1", true)]
    [DataRow("8.8.8.8", false)]
    [DataRow("172.32.0.1", false)]
    [DataRow("2606:4700::1111", false)]
    public void Private_and_link_local_addresses_are_told_apart_from_public_ones(string address, bool isPrivate)
    {
        Assert.AreEqual(isPrivate, FeedRedirects.IsPrivateOrLinkLocal(IPAddress.Parse(address)));
    }
}
