using System.Text;

namespace WeatherCampaign.Core.Tests.Alerts;

/// <summary>Reads the recorded feed fixtures copied next to the test assembly.</summary>
internal static class FixtureFiles
{
    public static string PathOf(string relativePath) => Path.Combine(AppContext.BaseDirectory, "Fixtures", relativePath);

    public static byte[] Bytes(string relativePath) => File.ReadAllBytes(PathOf(relativePath));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
