namespace WeatherCampaign.Infra.Tests;

/// <summary>
/// The one list of app settings the deployed app needs: what the code reads, and what the Functions host needs to run
/// on the managed identity. The value is what the template must default to: the code's own default, except that
/// Policy__Mode starts in DryRun for a first deployment (the code defaults to Enforce). Null: no default, checked elsewhere.
/// </summary>
internal static class AppSettingsContract
{
    public static readonly IReadOnlyDictionary<string, string?> ReadByTheApp = new Dictionary<string, string?>
    {
        ["PollSchedule"] = "0 */5 * * * *",
        ["FeedPollSchedule"] = "*/30 * * * * *",
        ["Cxone__BaseUrl"] = null,
        ["Cxone__PageSize"] = "50",
        ["Cxone__RequestsPerSecond"] = null, // the tenant limit, adaptive pacing shares it between instances; see its own test
        ["KeyVault__Uri"] = null,
        ["KeyVault__ClientIdSecretName"] = "cxone-client-id",
        ["KeyVault__ClientSecretSecretName"] = "cxone-client-secret",
        ["Weather__Feeds__0__Url"] = "https://api.weather.gov/alerts/active?status=actual&severity=severe,extreme",
        ["Weather__Feeds__0__Format"] = "nws",
        ["Weather__UserAgent"] = null,
        ["Policy__MinimumSeverity"] = "Severe",
        ["Policy__ClearFor"] = "00:30:00",
        ["Policy__Mode"] = "DryRun", // deliberately not the code's Enforce: see infra/README.md, "First run"
        ["Policy__MaxPauseShare"] = "1",
        ["Regions__Groups__US_NE"] = "NY,NJ,PA,CT,RI,MA,VT,NH,ME",
    };

    public static readonly IReadOnlyList<string> ForTheHostAndIdentity =
    [
        "AzureWebJobsStorage__accountName",
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri",
        "AzureWebJobsStorage__tableServiceUri",
        "AZURE_CLIENT_ID",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    ];
}
