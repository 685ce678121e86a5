using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WeatherCampaign.Core;
using WeatherCampaign.Functions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddWeatherCampaign(builder.Configuration);
builder.Services.AddHostedService<StorageInitializer>();
builder.Build().Run();
