using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WeatherCampaign.Core;
using WeatherCampaign.Core.Telemetry;
using WeatherCampaign.Functions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddWeatherCampaign(builder.Configuration);
builder.Services.AddHostedService<StorageInitializer>();
builder.Services.AddHostedService<PlatformPreparation>();
// Traces, metrics and logs to Application Insights (host.json: telemetryMode OpenTelemetry); Bicep sets the connection string and
// APPLICATIONINSIGHTS_AUTHENTICATION_STRING, which the exporter reads to sign in with the app's identity.
if (!string.IsNullOrEmpty(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
{
    builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults().WithWeatherCampaignTelemetry().UseAzureMonitorExporter();
}

builder.Build().Run();
