using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WeatherCampaign.Core.Storage;

/// <summary>
/// The one place that builds Table Storage keys. Keys cannot hold <c>/ \ # ?</c> or control characters, and
/// anything from outside (campaign ids, message ids) may hold them, so they are percent-escaped; long values are cut and hashed.
/// </summary>
public static class TableKeys
{
    private const int MaxEscapedLength = 400;

    /// <summary><paramref name="value"/> made safe for a PartitionKey or RowKey; distinct inputs stay distinct.</summary>
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
        if (builder.Length <= MaxEscapedLength)
        {
            return builder.ToString();
        }

        return builder.ToString(0, MaxEscapedLength - 17) + "~" + Digest(value);
    }

    /// <summary>
    /// A short, stable fingerprint of <paramref name="value"/> (16 hex digits of its SHA-256): names a long or hostile value in
    /// a key, a row or a log line without repeating it.
    /// </summary>
    public static string Digest(string? value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value ?? "")))[..16];

    /// <summary>A row key prefix that sorts newest first: the ticks left until <see cref="DateTimeOffset.MaxValue"/>.</summary>
    public static string NewestFirst(DateTimeOffset time) =>
        (DateTimeOffset.MaxValue.UtcTicks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The audit partition of a moment: its UTC day, <c>yyyyMMdd</c>.</summary>
    public static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Inverse of <see cref="NewestFirst"/>, for reading a row's time back from its key.</summary>
    public static DateTimeOffset FromNewestFirst(string rowKey) =>
        new(DateTimeOffset.MaxValue.UtcTicks - long.Parse(rowKey.AsSpan(0, 19), CultureInfo.InvariantCulture), TimeSpan.Zero);
}
