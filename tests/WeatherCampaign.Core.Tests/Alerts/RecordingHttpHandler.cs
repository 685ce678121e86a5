using System.Net;
using System.Text;

namespace WeatherCampaign.Core.Tests.Alerts;

/// <summary>Answers HTTP requests with canned responses, in order, and records what was asked.</summary>
internal sealed class RecordingHttpHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _responses = new();

    public List<HttpRequestMessage> Requests { get; } = [];

    /// <summary>Completes when the next request arrives (for tests that act while a request is pending).</summary>
    public TaskCompletionSource RequestReceived { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RecordingHttpHandler Respond(HttpStatusCode status, string body = "", string? mediaType = "application/json", Action<HttpResponseMessage>? configure = null)
    {
        _responses.Enqueue((_, _) =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8) };
            response.Content.Headers.ContentType = mediaType is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
            configure?.Invoke(response);
            return Task.FromResult(response);
        });
        return this;
    }

    public RecordingHttpHandler Respond(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond)
    {
        _responses.Enqueue(respond);
        return this;
    }

    /// <summary>Never answers; the request ends only when its token is cancelled.</summary>
    public RecordingHttpHandler Hang() => Respond(async (_, token) =>
    {
        await Task.Delay(Timeout.Infinite, token);
        throw new InvalidOperationException("unreachable");
    });

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond;
        TaskCompletionSource received;
        lock (_responses)
        {
            Requests.Add(request);
            received = RequestReceived;
            RequestReceived = new(TaskCreationOptions.RunContinuationsAsynchronously);
            respond = _responses.Count > 0
                ? _responses.Dequeue()
                : throw new InvalidOperationException($"No canned response left for {request.RequestUri}");
        }

        received.TrySetResult();
        return respond(request, cancellationToken);
    }
}

/// <summary>A body whose length is not announced (chunked), to test the counting read.</summary>
internal sealed class UnannouncedLengthContent(byte[] body) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new MemoryStream(body, writable: false));

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
