using System.Text.Json.Nodes;
using WeatherCampaign.Infra.Tests.Infrastructure;

namespace WeatherCampaign.Infra.Tests;

/// <summary>Hosting, state stores, monitoring and app settings, read from the compiled main.bicep.</summary>
[TestClass]
public sealed class TemplateWiringTests
{
    private static ArmTemplate Template => CompiledInfrastructure.Instance.Main;

    /// <summary>The site's app settings, each value followed back to what main.bicep supplies (its parameter default where it has one).</summary>
    internal static IReadOnlyDictionary<string, string?> AppSettings(ArmTemplate template)
    {
        var site = template.Single("Microsoft.Web/sites");
        var settings = site.Properties!["siteConfig"]!["appSettings"] as JsonArray
            ?? throw new AssertFailedException("siteConfig.appSettings is not a literal list.");

        return settings.Select(setting => setting!.AsObject()).ToDictionary(
            setting => setting["name"]!.ToString(),
            setting => site.Deployment.Evaluate(setting["value"])?.ToString());
    }

    [TestMethod]
    public void Function_app_runs_dotnet_isolated_10_on_flex_consumption_fc1_linux()
    {
        var plan = Template.Single("Microsoft.Web/serverfarms");
        var site = Template.Single("Microsoft.Web/sites");

        Assert.AreEqual("FC1", plan.Json["sku"]!["name"]!.ToString());
        Assert.AreEqual("FlexConsumption", plan.Json["sku"]!["tier"]!.ToString());
        Assert.IsTrue(plan.Property("reserved")!.GetValue<bool>(), "Flex Consumption is Linux: reserved must be true.");
        Assert.AreEqual("functionapp,linux", site.Json["kind"]!.ToString());
        Assert.AreEqual("dotnet-isolated", site.Text("functionAppConfig.runtime.name"));
        Assert.AreEqual("10.0", site.Text("functionAppConfig.runtime.version"));
    }

    [TestMethod]
    public void Maximum_instance_count_is_a_bounded_parameter()
    {
        var site = Template.Single("Microsoft.Web/sites");
        var parameter = Template.Json["parameters"]!["maximumInstanceCount"]!;

        Assert.AreEqual(parameter["defaultValue"]!.GetValue<int>(), site.Property("functionAppConfig.scaleAndConcurrency.maximumInstanceCount")!.GetValue<int>());
        Assert.AreEqual(1, parameter["minValue"]!.GetValue<int>());
        Assert.AreEqual(1000, parameter["maxValue"]!.GetValue<int>());
    }

    [TestMethod]
    public void Per_instance_request_rate_defaults_to_the_whole_tenant_limit_not_a_share_of_the_instance_ceiling()
    {
        var parameters = Template.Json["parameters"]!;
        var settings = AppSettings(Template);

        Assert.AreEqual(100, parameters["cxoneTenantRequestsPerSecond"]!["defaultValue"]!.GetValue<int>());
        Assert.AreEqual("[parameters('cxoneTenantRequestsPerSecond')]", parameters["cxoneRequestsPerSecond"]!["defaultValue"]!.ToString());
        Assert.AreEqual("100", settings["Cxone__RequestsPerSecond"], "one instance alone may use the whole tenant limit");
    }

    [TestMethod]
    public void Every_setting_the_app_needs_is_set_on_the_site()
    {
        var names = AppSettings(Template).Keys.ToHashSet();

        var missing = AppSettingsContract.ReadByTheApp.Keys.Concat(AppSettingsContract.ForTheHostAndIdentity).Where(name => !names.Contains(name)).ToList();
        Assert.IsEmpty(missing, $"Missing app settings: {string.Join(", ", missing)}");
    }

    [TestMethod]
    public void App_settings_default_to_the_apps_own_defaults()
    {
        var settings = AppSettings(Template);

        foreach (var (name, codeDefault) in AppSettingsContract.ReadByTheApp.Where(pair => pair.Value is not null))
        {
            Assert.AreEqual(codeDefault, settings[name], $"{name} defaults to something other than the code's default.");
        }
    }

    [TestMethod]
    public void Settings_without_a_default_are_required_parameters_the_parameter_file_supplies()
    {
        var parameters = Template.Json["parameters"]!.AsObject();
        var supplied = CompiledInfrastructure.Instance.MainParameters["parameters"]!.AsObject();

        foreach (var name in new[] { "cxoneBaseUrl", "weatherUserAgent", "environmentName" })
        {
            Assert.IsFalse(parameters[name]!.AsObject().ContainsKey("defaultValue"), $"{name} should have no default.");
            Assert.IsFalse(string.IsNullOrWhiteSpace(supplied[name]?["value"]?.ToString()), $"main.bicepparam should set {name}.");
        }

        Assert.AreEqual("DryRun", supplied["policyMode"]?["value"]?.ToString(), "A first deployment plans but changes nothing.");
    }

    [TestMethod]
    public void Key_vault_settings_point_at_the_vault_and_name_the_two_cxone_secrets()
    {
        var settings = AppSettings(Template);

        Assert.AreEqual("[reference('keyVault').outputs.uri.value]", settings["KeyVault__Uri"]);
        Assert.AreEqual("cxone-client-id", settings["KeyVault__ClientIdSecretName"]);
        Assert.AreEqual("cxone-client-secret", settings["KeyVault__ClientSecretSecretName"]);
    }

    [TestMethod]
    public void Queues_and_tables_exist_up_front()
    {
        var storage = Template.Single("Microsoft.Storage/storageAccounts").Deployment;

        CollectionAssert.AreEquivalent(new[] { "interventions", "interventions-poison", "interventions-halted" }, Names(storage, "queueNames"));
        CollectionAssert.AreEquivalent(new[] { "audit", "weatherholds" }, Names(storage, "tableNames"));
        Assert.HasCount(1, Template.OfType("Microsoft.Storage/storageAccounts/queueServices/queues"));
        Assert.HasCount(1, Template.OfType("Microsoft.Storage/storageAccounts/tableServices/tables"));
        Assert.HasCount(1, Template.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"));
    }

    [TestMethod]
    public void Failed_intervention_alert_queries_application_insights_for_the_poison_handler_errors()
    {
        var alert = Template.Single("Microsoft.Insights/scheduledQueryRules");
        var criterion = alert.Property("criteria.allOf")!.AsArray().Single()!;
        var query = alert.Deployment.Evaluate(criterion["query"])!.ToString();

        Assert.AreEqual("LogAlert", alert.Json["kind"]!.ToString());
        Assert.AreEqual("[parameters('applicationInsightsId')]", alert.Properties!["scopes"]!.AsArray().Single()!.ToString());
        Assert.AreEqual("[reference('monitoring').outputs.applicationInsightsId.value]", alert.Deployment.Evaluate(alert.Properties!["scopes"]![0])!.ToString());
        Assert.Contains("traces", query);
        Assert.Contains("customEvents", query);
        Assert.Contains("\"Intervention failed\"", query);
        Assert.Contains("RecordPoisonedIntervention", query);
        Assert.Contains("severityLevel >= 3", query);
        Assert.AreEqual("GreaterThan", criterion["operator"]!.ToString());
        Assert.AreEqual(0, criterion["threshold"]!.GetValue<int>());
        Assert.IsTrue(alert.Property("enabled")!.GetValue<bool>());
        Assert.AreEqual(string.Empty, Template.Json["parameters"]!["alertActionGroupId"]!["defaultValue"]!.ToString());
    }

    [TestMethod]
    public void Outputs_give_the_pipeline_what_it_needs()
    {
        var outputs = Template.Json["outputs"]!.AsObject();

        foreach (var name in new[] { "functionAppName", "resourceGroupName", "storageAccountName", "keyVaultName", "keyVaultUri", "applicationInsightsName" })
        {
            Assert.IsTrue(outputs.ContainsKey(name), $"main.bicep should output {name}.");
        }
    }

    private static string[] Names(ArmDeployment deployment, string parameter) =>
        deployment.Evaluate(JsonValue.Create($"[parameters('{parameter}')]"))!.AsArray().Select(name => name!.ToString()).ToArray();
}
