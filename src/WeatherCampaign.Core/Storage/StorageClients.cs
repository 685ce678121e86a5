using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using WeatherCampaign.Core.Settings;

namespace WeatherCampaign.Core.Storage;

/// <summary>
/// The storage account the Functions host uses (<c>AzureWebJobsStorage</c>) also holds our tables and queues. It is read
/// the way the host reads it: a connection string (Azurite, local runs) or identity-based settings
/// (<c>AzureWebJobsStorage__accountName</c> / <c>__tableServiceUri</c> / <c>__queueServiceUri</c>, <c>__clientId</c> for a user-assigned identity).
/// </summary>
public sealed class StorageClients
{
    public const string SettingName = "AzureWebJobsStorage";

    public StorageClients(TableServiceClient tables, QueueServiceClient queues)
    {
        Tables = tables;
        Queues = queues;
    }

    public TableServiceClient Tables { get; }
    public QueueServiceClient Queues { get; }

    /// <summary>A client for one queue, Base64-encoded like the Functions host expects of a trigger queue.</summary>
    public QueueClient Queue(string name) => Queues.GetQueueClient(name);

    public static StorageClients FromConfiguration(IConfiguration configuration)
    {
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var connectionString = configuration[SettingName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new StorageClients(new TableServiceClient(connectionString), new QueueServiceClient(connectionString, queueOptions));
        }

        var section = configuration.GetSection(SettingName);
        var account = section["accountName"];
        var tableUri = section["tableServiceUri"] ?? (account is null ? null : $"https://{account}.table.core.windows.net");
        var queueUri = section["queueServiceUri"] ?? (account is null ? null : $"https://{account}.queue.core.windows.net");
        if (tableUri is null || queueUri is null)
        {
            throw new InvalidOperationException(
                $"{SettingName} is not set: give a connection string, or {SettingName}__accountName (or __tableServiceUri and __queueServiceUri) for identity-based access.");
        }

        var credential = AzureCredentials.For(section["clientId"]);
        return new StorageClients(new TableServiceClient(new Uri(tableUri), credential), new QueueServiceClient(new Uri(queueUri), credential, queueOptions));
    }
}
