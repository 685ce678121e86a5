using System.Text;
using System.Text.Json;

namespace WeatherCampaign.Core.Alerts;

/// <summary>Shared JSON plumbing for the JSON parsers: parsing with positions, typed property reads that name their path.</summary>
internal static class JsonFeedReading
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Parses <paramref name="content"/> and runs <paramref name="read"/>; any fault becomes an <see cref="AlertFeedFormatException"/> with a position.</summary>
    public static IReadOnlyList<WeatherAlert> Read(ReadOnlyMemory<byte> content, string feedName, Func<JsonElement, IReadOnlyList<WeatherAlert>> read)
    {
        var json = SkipBom(content);
        if (json.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new AlertFeedFormatException(feedName, "the content is empty.", "line 1, byte 1");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException error)
        {
            var position = error.LineNumber is { } line
                ? $"line {line + 1}, byte {error.BytePositionInLine + 1 ?? 1}"
                : null;
            throw new AlertFeedFormatException(feedName, "the content is not well-formed JSON: " + FirstSentence(error.Message), position, error);
        }

        using (document)
        {
            try
            {
                return read(document.RootElement);
            }
            catch (JsonShapeException error)
            {
                throw new AlertFeedFormatException(feedName, $"{error.Message} ({error.Path})", Locate(json.Span, error.Path), error);
            }
        }
    }

    public static ReadOnlyMemory<byte> SkipBom(ReadOnlyMemory<byte> content) =>
        content.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? content[3..] : content;

    public static string? OptionalString(JsonElement parent, string property, string parentPath)
    {
        if (!parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new JsonShapeException($"{parentPath}.{property}", $"'{property}' should be a string but is {Describe(value.ValueKind)}");
    }

    public static DateTimeOffset? OptionalTime(JsonElement parent, string property, string parentPath)
    {
        var text = OptionalString(parent, property, parentPath);
        return CapValues.TryParseTime(text, out var time)
            ? time
            : throw new JsonShapeException($"{parentPath}.{property}", $"'{property}' is not a date and time: '{text}'");
    }

    /// <summary>A property that may be one string or an array of strings (nulls skipped).</summary>
    public static IReadOnlyList<string> StringList(JsonElement parent, string property, string parentPath)
    {
        if (!parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        var path = $"{parentPath}.{property}";
        if (value.ValueKind == JsonValueKind.String)
        {
            return [value.GetString()!];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new JsonShapeException(path, $"'{property}' should be a list of strings but is {Describe(value.ValueKind)}");
        }

        var list = new List<string>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                list.Add(item.GetString()!);
            }
            else if (item.ValueKind != JsonValueKind.Null)
            {
                throw new JsonShapeException($"{path}[{index}]", $"'{property}' should hold strings but holds {Describe(item.ValueKind)}");
            }

            index++;
        }

        return list;
    }

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>Line and byte of the value at a path like <c>$.alerts[3].regions</c>, found by re-reading the document.</summary>
    internal static string? Locate(ReadOnlySpan<byte> json, string targetPath)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var frames = new List<(bool IsArray, int NextIndex, string Path)>();
        string? property = null;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                property = reader.GetString();
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                frames.RemoveAt(frames.Count - 1);
                continue;
            }

            string path;
            if (frames.Count == 0)
            {
                path = "$";
            }
            else if (frames[^1].IsArray)
            {
                var top = frames[^1];
                path = $"{top.Path}[{top.NextIndex}]";
                frames[^1] = top with { NextIndex = top.NextIndex + 1 };
            }
            else
            {
                path = $"{frames[^1].Path}.{property}";
            }

            if (path == targetPath)
            {
                var offset = reader.TokenStartIndex;
                var line = json[..(int)offset].Count((byte)'\n') + 1;
                return $"line {line}, byte offset {offset}";
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                frames.Add((reader.TokenType == JsonTokenType.StartArray, 0, path));
            }
        }

        return null;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }

    internal static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
