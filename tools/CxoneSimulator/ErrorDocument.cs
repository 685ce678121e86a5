namespace CxoneSimulator;

/// <summary>The error document every refusal carries, in the OAuth shape.</summary>
internal sealed record ErrorDocument(
    string Error,
    [property: System.Text.Json.Serialization.JsonPropertyName("error_description")] string? ErrorDescription = null)
{
    public static IResult Result(int statusCode, string error, string? description = null) =>
        Results.Json(new ErrorDocument(error, description), statusCode: statusCode);
}
