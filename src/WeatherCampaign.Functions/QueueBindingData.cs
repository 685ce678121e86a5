using System.Globalization;
using Microsoft.Azure.Functions.Worker;

namespace WeatherCampaign.Functions;

internal static class QueueBindingData
{
    /// <summary>The trigger's <c>DequeueCount</c> (1 on the first delivery).</summary>
    public static long DequeueCount(FunctionContext context) =>
        context.BindingContext.BindingData.TryGetValue("DequeueCount", out var value) && value is not null
            && long.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count)
            ? count
            : 1;
}
