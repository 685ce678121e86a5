using Microsoft.Extensions.Options;
using WeatherCampaign.Core.Settings;

namespace WeatherCampaign.Core.Interventions;

/// <summary>Checks the queue delivery settings at start-up with the host's own limits; one line per invalid setting.</summary>
public sealed class QueueDeliveryOptionsValidator : IValidateOptions<QueueDeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, QueueDeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string section = QueueDeliveryOptions.Section;
        var failures = new SettingFailures();
        failures.Range($"{section}:maxDequeueCount", options.MaxDequeueCount, 1, 1000);
        failures.Range($"{section}:batchSize", options.BatchSize, 1, 32);
        failures.Range($"{section}:newBatchThreshold", options.NewBatchThreshold, 0, 1000);
        failures.Range($"{section}:visibilityTimeout", options.VisibilityTimeout, TimeSpan.Zero, TimeSpan.FromDays(7));
        failures.Range($"{section}:maxPollingInterval", options.MaxPollingInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        return failures.ToResult();
    }
}
