using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WeatherCampaign.Infra.Tests.Infrastructure;

namespace WeatherCampaign.Infra.Tests;

/// <summary>The secure defaults, read from the ARM JSON that <c>bicep build</c> produced for main.bicep.</summary>
[TestClass]
public sealed class TemplateSecurityTests
{
    private const string StorageAccounts = "Microsoft.Storage/storageAccounts";
    private const string Sites = "Microsoft.Web/sites";

    private static ArmTemplate Template => CompiledInfrastructure.Instance.Main;

    [TestMethod]
    public void Storage_account_refuses_shared_key_access()
    {
        var storage = Template.Single(StorageAccounts);

        Assert.IsFalse(storage.Property("allowSharedKeyAccess")!.GetValue<bool>());
        Assert.IsTrue(storage.Property("defaultToOAuthAuthentication")!.GetValue<bool>());
    }

    [TestMethod]
    public void Storage_account_is_https_only_with_tls12_and_no_public_blobs()
    {
        var storage = Template.Single(StorageAccounts);

        Assert.IsTrue(storage.Property("supportsHttpsTrafficOnly")!.GetValue<bool>());
        Assert.AreEqual("TLS1_2", storage.Text("minimumTlsVersion"));
        Assert.IsFalse(storage.Property("allowBlobPublicAccess")!.GetValue<bool>());
        foreach (var container in Template.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"))
        {
            Assert.AreEqual("None", container.Text("publicAccess"));
        }
    }

    [TestMethod]
    public void Function_app_is_https_only_with_tls12()
    {
        var site = Template.Single(Sites);

        Assert.IsTrue(site.Property("httpsOnly")!.GetValue<bool>());
        Assert.AreEqual("1.2", site.Text("siteConfig.minTlsVersion"));
        Assert.AreEqual("1.2", site.Text("siteConfig.scmMinTlsVersion"));
    }

    [TestMethod]
    public void Every_http_request_needs_an_entra_sign_in_and_gets_401_without_one()
    {
        var authentication = Template.Single("Microsoft.Web/sites/config");

        StringAssert.Contains(authentication.Json["name"]!.ToString(), "authsettingsV2");
        Assert.IsTrue(authentication.Property("platform.enabled")!.GetValue<bool>());
        Assert.IsTrue(authentication.Property("globalValidation.requireAuthentication")!.GetValue<bool>());
        Assert.AreEqual("Return401", authentication.Text("globalValidation.unauthenticatedClientAction"));
        Assert.IsTrue(authentication.Property("httpSettings.requireHttps")!.GetValue<bool>());
        Assert.IsNotNull(authentication.Property("identityProviders.azureActiveDirectory.registration.clientId"));
    }

    [TestMethod]
    public void Ftp_and_basic_publishing_credentials_are_off()
    {
        var site = Template.Single(Sites);
        var policies = Template.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        Assert.AreEqual("Disabled", site.Text("siteConfig.ftpsState"));
        var byName = policies.ToDictionary(policy => Regex.Match(policy.Json["name"]!.ToString(), @"'(ftp|scm)'").Groups[1].Value);
        CollectionAssert.AreEquivalent(new[] { "ftp", "scm" }, byName.Keys.ToArray());
        foreach (var (name, policy) in byName)
        {
            Assert.IsFalse(policy.Property("allow")!.GetValue<bool>(), $"Basic auth for {name} must be off.");
        }
    }

    [TestMethod]
    public void Key_vault_uses_rbac_with_purge_protection_and_soft_delete()
    {
        var vault = Template.Single("Microsoft.KeyVault/vaults");

        Assert.IsTrue(vault.Property("enableRbacAuthorization")!.GetValue<bool>());
        Assert.IsTrue(vault.Property("enablePurgeProtection")!.GetValue<bool>());
        Assert.IsTrue(vault.Property("enableSoftDelete")!.GetValue<bool>());
        Assert.IsGreaterThanOrEqualTo(7, vault.Property("softDeleteRetentionInDays")!.GetValue<int>());
        Assert.IsNull(vault.Property("accessPolicies"), "Access policies are unused with RBAC authorization.");
    }

    [TestMethod]
    public void Key_vault_secret_values_never_come_from_a_template()
    {
        Assert.IsEmpty(Template.OfType("Microsoft.KeyVault/vaults/secrets"));
        Assert.IsFalse(Template.Json.ToJsonString().Contains("securestring", StringComparison.OrdinalIgnoreCase), "No secure parameters: secrets are set out of band.");
    }

    [TestMethod]
    public void Application_insights_refuses_local_auth()
    {
        var insights = Template.Single("Microsoft.Insights/components");

        Assert.IsTrue(insights.Property("DisableLocalAuth")!.GetValue<bool>());
        Assert.IsFalse(string.IsNullOrEmpty(insights.Text("WorkspaceResourceId")), "Workspace-based Application Insights.");
    }

    [TestMethod]
    public void Template_holds_no_account_key_or_storage_connection_string()
    {
        var text = Template.Json.ToJsonString();

        foreach (var forbidden in new[] { "AccountKey", "listKeys", "listAccountSas", "listServiceSas", "DefaultEndpointsProtocol", "SharedAccessSignature", "connectionStrings" })
        {
            Assert.DoesNotContain(forbidden, text, StringComparison.OrdinalIgnoreCase, $"The compiled template mentions {forbidden}.");
        }

        var settings = TemplateWiringTests.AppSettings(Template).Keys;
        Assert.DoesNotContain("AzureWebJobsStorage", settings, "A plain AzureWebJobsStorage setting is a connection string.");
        Assert.IsEmpty(settings.Where(name => name.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase)));
    }

    [TestMethod]
    public void Host_storage_deployment_package_and_telemetry_use_the_user_assigned_identity()
    {
        var site = Template.Single(Sites);
        var storage = Template.Single(StorageAccounts);
        var settings = TemplateWiringTests.AppSettings(Template);
        const string identityClientId = "[reference('identity').outputs.clientId.value]";
        const string identityId = "[reference('identity').outputs.id.value]";

        Assert.AreEqual("UserAssigned", site.Json["identity"]!["type"]!.ToString());
        Assert.AreEqual("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.AreEqual(storage.Deployment.Evaluate(storage.Json["name"])!.ToString(), settings["AzureWebJobsStorage__accountName"]);
        Assert.AreEqual(identityClientId, settings["AzureWebJobsStorage__clientId"]);
        Assert.AreEqual(identityClientId, settings["AZURE_CLIENT_ID"]);
        Assert.AreEqual("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);

        Assert.AreEqual("blobContainer", site.Text("functionAppConfig.deployment.storage.type"));
        Assert.AreEqual("UserAssignedIdentity", site.Text("functionAppConfig.deployment.storage.authentication.type"));
        Assert.AreEqual(identityId, site.Text("functionAppConfig.deployment.storage.authentication.userAssignedIdentityResourceId"));
    }

    [TestMethod]
    public void App_identity_gets_exactly_the_least_privilege_roles_on_the_right_scopes()
    {
        var expected = new Dictionary<string, string>
        {
            [RoleIds.StorageBlobDataOwner] = StorageAccounts,
            [RoleIds.StorageQueueDataContributor] = StorageAccounts,
            [RoleIds.StorageTableDataContributor] = StorageAccounts,
            [RoleIds.KeyVaultSecretsUser] = "Microsoft.KeyVault/vaults",
            [RoleIds.MonitoringMetricsPublisher] = "Microsoft.Insights/components",
        };

        var appAssignments = RoleAssignments().Where(assignment => assignment.Principal.Contains("userAssignedIdentities")).ToList();
        var granted = appAssignments.SelectMany(assignment => assignment.Roles.Select(role => (role, assignment.Scope))).ToList();

        CollectionAssert.AreEquivalent(expected.Keys.ToArray(), granted.Select(grant => grant.role).ToArray());
        foreach (var (role, scope) in granted)
        {
            Assert.Contains(expected[role], scope, $"Role {role} is assigned on {scope}.");
        }

        Assert.IsTrue(appAssignments.All(assignment => assignment.PrincipalType == "ServicePrincipal"));
    }

    [TestMethod]
    public void Deploying_principal_gets_data_roles_only_when_one_is_named()
    {
        var deployerAssignments = RoleAssignments().Where(assignment => assignment.Principal.Contains("deployerPrincipalId")).ToList();

        Assert.IsNotEmpty(deployerAssignments);
        foreach (var assignment in deployerAssignments)
        {
            Assert.AreEqual("[not(empty(parameters('deployerPrincipalId')))]", assignment.Condition);
            Assert.IsTrue(assignment.Roles.All(RoleIds.All.Contains), $"Unexpected role for the deployer: {string.Join(", ", assignment.Roles)}");
        }

        Assert.AreEqual(string.Empty, Template.Json["parameters"]!["deployerPrincipalId"]!["defaultValue"]!.ToString());
    }

    [TestMethod]
    public void No_role_beyond_the_known_data_roles_appears_anywhere()
    {
        var guids = Regex.Matches(Template.Json.ToJsonString(), "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)
            .Select(match => match.Value.ToLowerInvariant())
            .ToHashSet();

        CollectionAssert.AreEquivalent(RoleIds.All.ToArray(), guids.ToArray());
    }

    [TestMethod]
    public void App_queue_and_table_roles_are_scoped_to_each_queue_and_table_not_the_account()
    {
        var grants = Template.OfType("Microsoft.Authorization/roleAssignments")
            .Select(resource => (Resource: resource, Assignment: RoleAssignment.From(resource)))
            .Where(grant => grant.Assignment.Roles.Any(role => role is RoleIds.StorageQueueDataContributor or RoleIds.StorageTableDataContributor or RoleIds.StorageTableDataReader))
            .ToList();

        Assert.IsNotEmpty(grants);
        foreach (var (resource, assignment) in grants)
        {
            var isQueueRole = assignment.Roles.Single() == RoleIds.StorageQueueDataContributor;
            var child = isQueueRole ? "Microsoft.Storage/storageAccounts/queueServices/queues" : "Microsoft.Storage/storageAccounts/tableServices/tables";
            Assert.StartsWith($"[resourceId('{child}', ", assignment.Scope, $"{assignment.Principal} gets {assignment.Roles.Single()} on {assignment.Scope}.");
        }

        var app = grants.Where(grant => grant.Assignment.Principal.Contains("userAssignedIdentities")).ToList();
        Assert.HasCount(2, app);
        foreach (var (resource, assignment) in app)
        {
            var list = assignment.Roles.Single() == RoleIds.StorageQueueDataContributor ? "queueNames" : "tableNames";
            Assert.AreEqual($"[length(parameters('{list}'))]", resource.Json["copy"]?["count"]?.ToString(), "One assignment per queue or table.");
            Assert.Contains($"parameters('{list}')[copyIndex()]", assignment.Scope);
        }

        var rbac = app[0].Resource.Deployment;
        CollectionAssert.AreEquivalent(new[] { "interventions", "interventions-poison", "interventions-halted" }, rbac.Evaluate(JsonValue.Create("[parameters('queueNames')]"))!.AsArray().Select(name => name!.ToString()).ToArray());
        CollectionAssert.AreEquivalent(new[] { "weatherholds", "audit" }, rbac.Evaluate(JsonValue.Create("[parameters('tableNames')]"))!.AsArray().Select(name => name!.ToString()).ToArray());
    }

    [TestMethod]
    public void Operators_get_one_role_per_task_and_no_blob_queue_or_vault_role()
    {
        var readers = RoleAssignments().Where(assignment => assignment.Principal.Contains("operatorReadersPrincipalId")).ToList();
        var holders = RoleAssignments().Where(assignment => assignment.Principal.Contains("operatorHoldsPrincipalId")).ToList();

        var reader = readers.Single();
        Assert.AreEqual(RoleIds.StorageTableDataReader, reader.Roles.Single(), "Reading the audit trail and the holds is read only.");
        Assert.Contains("parameters('tableNames')[copyIndex()]", reader.Scope);
        Assert.AreEqual("[not(empty(parameters('operatorReadersPrincipalId')))]", reader.Condition);

        var holder = holders.Single();
        Assert.AreEqual(RoleIds.StorageTableDataContributor, holder.Roles.Single(), "holds add/release writes the ledger.");
        Assert.AreEqual("[resourceId('Microsoft.Storage/storageAccounts/tableServices/tables', parameters('storageAccountName'), 'default', parameters('ledgerTableName'))]", holder.Scope);
        Assert.AreEqual("[not(empty(parameters('operatorHoldsPrincipalId')))]", holder.Condition);
        var rbac = Template.OfType("Microsoft.Authorization/roleAssignments").First(resource => resource.Properties!["principalId"]!.ToString().Contains("operatorHoldsPrincipalId")).Deployment;
        Assert.AreEqual("weatherholds", rbac.Evaluate(JsonValue.Create("[parameters('ledgerTableName')]"))!.ToString());

        foreach (var name in new[] { "operatorReadersPrincipalId", "operatorHoldsPrincipalId" })
        {
            Assert.AreEqual(string.Empty, Template.Json["parameters"]![name]!["defaultValue"]!.ToString());
        }
    }

    [TestMethod]
    public void Only_the_app_identity_holds_a_blob_role_so_nobody_else_can_replace_the_package()
    {
        var blob = RoleAssignments().Where(assignment => assignment.Roles.Contains(RoleIds.StorageBlobDataOwner)).ToList();
        var deployer = RoleAssignments().Where(assignment => assignment.Principal.Contains("deployerPrincipalId")).ToList();

        Assert.IsTrue(blob.Single().Principal.Contains("userAssignedIdentities"), "The app's identity is the one principal with a blob role.");
        Assert.IsNotEmpty(deployer);
        Assert.IsFalse(deployer.Any(assignment => assignment.Roles.Contains(RoleIds.StorageBlobDataOwner)), "No Blob Data Owner for the deployer on the account that holds app-package.");
        CollectionAssert.AreEquivalent(
            new[] { RoleIds.StorageQueueDataContributor, RoleIds.StorageTableDataContributor, RoleIds.KeyVaultSecretsUser },
            deployer.SelectMany(assignment => assignment.Roles).ToArray());
    }

    [TestMethod]
    public void Prod_parameters_cap_the_pause_share_below_one()
    {
        var share = CompiledInfrastructure.Instance.ProdParameters["parameters"]!["policyMaxPauseShare"]!["value"]!.ToString();
        var settings = TemplateWiringTests.AppSettings(CompiledInfrastructure.Instance.Prod);

        Assert.IsTrue(double.TryParse(share, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value), share);
        Assert.IsTrue(value is > 0 and < 1, $"prod.bicepparam sets policyMaxPauseShare to {share}.");
        Assert.AreEqual(share, settings["Policy__MaxPauseShare"]);
        Assert.AreEqual("prod", CompiledInfrastructure.Instance.ProdParameters["parameters"]!["environmentName"]!["value"]!.ToString());
    }

    private static IEnumerable<RoleAssignment> RoleAssignments() =>
        Template.OfType("Microsoft.Authorization/roleAssignments").Select(RoleAssignment.From);

    private sealed record RoleAssignment(IReadOnlyList<string> Roles, string Scope, string Principal, string? PrincipalType, string? Condition)
    {
        public static RoleAssignment From(ArmResource resource)
        {
            var definition = Regex.Match(resource.Text("roleDefinitionId") ?? "", @"^\[subscriptionResourceId\('Microsoft\.Authorization/roleDefinitions', (.+)\)\]$");
            Assert.IsTrue(definition.Success, $"Unexpected roleDefinitionId {resource.Text("roleDefinitionId")}");
            var roles = resource.Deployment.Evaluate(JsonValue.Create($"[{definition.Groups[1].Value}]")) switch
            {
                JsonArray loop => loop.Select(role => role!.ToString()).ToList(),
                var single => [single!.ToString().Trim('\'')],
            };

            return new RoleAssignment(
                roles,
                resource.Json["scope"]?.ToString() ?? "(resource group)",
                resource.Deployment.DescribeSymbols(resource.Properties!["principalId"]!.ToString()),
                resource.Text("principalType"),
                resource.Condition);
        }
    }
}

internal static class RoleIds
{
    public const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    public const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    public const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    public const string StorageTableDataReader = "76199698-9eea-4c19-bc75-cec21354c6b6";
    public const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    public const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    public static readonly IReadOnlySet<string> All = new HashSet<string>
    {
        StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor, StorageTableDataReader, KeyVaultSecretsUser, MonitoringMetricsPublisher,
    };
}
