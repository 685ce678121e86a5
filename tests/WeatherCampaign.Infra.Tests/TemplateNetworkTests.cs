using System.Text.Json.Nodes;
using WeatherCampaign.Infra.Tests.Infrastructure;

namespace WeatherCampaign.Infra.Tests;

/// <summary>The `network` option and the diagnostic settings, read from main.bicep as deployed with each parameter file.</summary>
[TestClass]
public sealed class TemplateNetworkTests
{
    private const string StorageAccounts = "Microsoft.Storage/storageAccounts";
    private const string Vaults = "Microsoft.KeyVault/vaults";
    private const string PrivateEndpoints = "Microsoft.Network/privateEndpoints";

    private static ArmTemplate Prod => CompiledInfrastructure.Instance.Prod;

    private static ArmTemplate Dev => CompiledInfrastructure.Instance.Dev;

    [TestMethod]
    public void Network_is_on_by_default_for_prod_and_set_in_the_prod_parameters()
    {
        var parameter = CompiledInfrastructure.Instance.Main.Json["parameters"]!["network"]!;

        Assert.AreEqual("bool", parameter["type"]!.ToString());
        Assert.AreEqual("[equals(parameters('environmentName'), 'prod')]", parameter["defaultValue"]!.ToString());
        Assert.IsTrue(CompiledInfrastructure.Instance.ProdParameters["parameters"]!["network"]!["value"]!.GetValue<bool>());
        Assert.IsTrue(Prod.Root.Evaluate(JsonValue.Create("[parameters('network')]"))!.GetValue<bool>());
        Assert.IsFalse(Dev.Root.Evaluate(JsonValue.Create("[parameters('network')]"))!.GetValue<bool>());
    }

    [TestMethod]
    public void Closed_network_has_private_endpoints_for_blob_queue_table_and_the_vault()
    {
        var endpoints = Prod.OfType(PrivateEndpoints).Where(endpoint => endpoint.IsDeployed).ToList();
        var byGroup = endpoints.ToDictionary(endpoint => endpoint.Deployment.Evaluate(endpoint.Properties!["privateLinkServiceConnections"]![0]!["properties"]!["groupIds"]![0])!.ToString());

        CollectionAssert.AreEquivalent(new[] { "blob", "queue", "table", "vault" }, byGroup.Keys.ToArray());
        foreach (var (group, endpoint) in byGroup)
        {
            var target = endpoint.Deployment.Evaluate(endpoint.Properties!["privateLinkServiceConnections"]![0]!["properties"]!["privateLinkServiceId"])!.ToString();
            Assert.Contains(group == "vault" ? Vaults : StorageAccounts, target, $"The {group} endpoint connects to {target}.");
            Assert.AreEqual(
                "[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('virtualNetworkName'), variables('endpointSubnetName'))]",
                endpoint.Deployment.Evaluate(endpoint.Properties!["subnet"]!["id"])!.ToString(),
                $"The {group} endpoint sits in the endpoint subnet.");
        }

        var zones = Prod.OfType("Microsoft.Network/privateDnsZones").Where(zone => zone.IsDeployed)
            .Select(zone => zone.Deployment.Evaluate(zone.Json["name"])!.ToString()).ToList();
        Assert.HasCount(4, zones);
        foreach (var group in new[] { "blob", "queue", "table" })
        {
            Assert.Contains($"[format('privatelink.{group}.{{0}}', variables('storageSuffix'))]", zones);
        }

        Assert.Contains("privatelink.vaultcore.azure.net", zones);
        Assert.AreEqual("[environment().suffixes.storage]", Prod.Single("Microsoft.Network/virtualNetworks").Deployment.Evaluate(JsonValue.Create("[variables('storageSuffix')]"))!.ToString());
        Assert.HasCount(4, Prod.OfType("Microsoft.Network/privateEndpoints/privateDnsZoneGroups").Where(group => group.IsDeployed).ToList());
        Assert.HasCount(4, Prod.OfType("Microsoft.Network/privateDnsZones/virtualNetworkLinks").Where(link => link.IsDeployed).ToList());
    }

    [TestMethod]
    public void Closed_network_refuses_public_access_to_storage_and_the_vault()
    {
        foreach (var type in new[] { StorageAccounts, Vaults })
        {
            var resource = Prod.Single(type);
            Assert.AreEqual("Disabled", resource.Text("publicNetworkAccess"), type);
            Assert.AreEqual("Deny", resource.Text("networkAcls.defaultAction"), type);
            Assert.AreEqual("None", resource.Text("networkAcls.bypass"), type);
        }
    }

    [TestMethod]
    public void Closed_network_integrates_the_function_app_with_a_delegated_subnet()
    {
        var site = Prod.Single("Microsoft.Web/sites");
        var vnet = Prod.Single("Microsoft.Network/virtualNetworks");
        var subnets = vnet.Properties!["subnets"]!.AsArray().Select(subnet => subnet!.AsObject()).ToList();
        var appSubnetName = vnet.Deployment.Evaluate(JsonValue.Create("[parameters('appSubnetName')]"))!.ToString();
        var app = subnets.Single(subnet => vnet.Deployment.Evaluate(subnet["name"])!.ToString() == appSubnetName);

        Assert.IsTrue(vnet.IsDeployed);
        Assert.AreEqual(
            "[resourceId('Microsoft.Network/virtualNetworks/subnets', variables('names').virtualNetwork, variables('appSubnetName'))]",
            site.Text("virtualNetworkSubnetId"),
            site.Properties!["virtualNetworkSubnetId"]!.ToString());
        Assert.AreEqual("app", appSubnetName);
        Assert.AreEqual("Microsoft.App/environments", app["properties"]!["delegations"]![0]!["properties"]!["serviceName"]!.ToString());
        Assert.IsNotNull(app["properties"]!["natGateway"], "A VNet-integrated app needs an outbound path to CXone and the feed.");
    }

    [TestMethod]
    public void Dev_stays_public_and_creates_no_network()
    {
        var site = Dev.Single("Microsoft.Web/sites");

        Assert.IsFalse(Dev.OfType(PrivateEndpoints).Any(endpoint => endpoint.IsDeployed));
        Assert.IsFalse(Dev.OfType("Microsoft.Network/virtualNetworks").Any(vnet => vnet.IsDeployed));
        Assert.IsNull(site.Property("virtualNetworkSubnetId"));
        foreach (var type in new[] { StorageAccounts, Vaults })
        {
            Assert.AreEqual("Enabled", Dev.Single(type).Text("publicNetworkAccess"), type);
            Assert.AreEqual("Allow", Dev.Single(type).Text("networkAcls.defaultAction"), type);
        }
    }

    [TestMethod]
    public void Diagnostic_settings_send_storage_reads_and_writes_vault_audit_and_app_logs_to_log_analytics()
    {
        var expected = new Dictionary<string, string[]>
        {
            ["blobServices"] = ["StorageRead", "StorageWrite", "StorageDelete"],
            ["queueServices"] = ["StorageRead", "StorageWrite", "StorageDelete"],
            ["tableServices"] = ["StorageRead", "StorageWrite", "StorageDelete"],
            [Vaults] = ["AuditEvent"],
            ["Microsoft.Web/sites"] = ["FunctionAppLogs"],
        };
        var settings = CompiledInfrastructure.Instance.Main.OfType("Microsoft.Insights/diagnosticSettings");

        Assert.HasCount(expected.Count, settings);
        foreach (var (scope, categories) in expected)
        {
            var setting = settings.Single(candidate => candidate.Json["scope"]!.ToString().Contains(scope, StringComparison.Ordinal));
            var logs = setting.Property("logs")!.AsArray().Select(log => log!.AsObject()).ToList();
            CollectionAssert.AreEquivalent(categories, logs.Select(log => log["category"]!.ToString()).ToArray(), scope);
            Assert.IsTrue(logs.All(log => log["enabled"]!.GetValue<bool>()), scope);
            Assert.AreEqual("[reference('monitoring').outputs.logAnalyticsId.value]", setting.Text("workspaceId"), scope);
        }
    }
}
