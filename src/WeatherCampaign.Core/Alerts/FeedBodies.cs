using System.Buffers;

namespace WeatherCampaign.Core.Alerts;

/// <summary>Reading a feed's or a linked document's body under <see cref="WeatherOptions.MaxFeedBytes"/>.</summary>
internal static class FeedBodies
{
    /// <summary>Reads the whole body, refusing (not truncating) one larger than the limit, whatever the headers claimed.</summary>
    /// <param name="hint">What the refusal adds for this kind of body (how to keep it smaller).</param>
    public static async Task<ReadOnlyMemory<byte>> ReadLimitedAsync(Stream stream, long limit, CancellationToken cancellationToken, string? hint = null)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw TooLarge("is longer", limit, hint);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static FeedReadException TooLarge(string what, long limit, string? hint = null) =>
        new($"the body {what} than Weather:MaxFeedBytes allows ({limit} bytes); refused rather than truncated{(hint is null ? "" : " (" + hint + ")")}.");
}
