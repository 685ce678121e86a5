using WeatherCampaign.Infra.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace WeatherCampaign.Infra.Tests;

/// <summary>azure-pipelines.yml uses only real Azure Pipelines tasks, each with inputs that task really has.</summary>
[TestClass]
public sealed class PipelineTests
{
    /// <summary>Known tasks: every input name (aliases included) and the inputs the task requires.</summary>
    private static readonly IReadOnlyDictionary<string, (string[] Inputs, string[] Required)> KnownTasks =
        new Dictionary<string, (string[], string[])>
        {
            ["UseDotNet@2"] = (["packageType", "useGlobalJson", "workingDirectory", "version", "vsVersion", "includePreviewVersions", "installationPath", "performMultiLevelLookup", "requestTimeout"], []),
            ["NodeTool@0"] = (["versionSource", "versionSpec", "versionFilePath", "checkLatest", "force32bit", "nodejsMirror", "retryCountOnDownloadFails", "delayBetweenRetries"], []),
            ["PublishTestResults@2"] = (["testResultsFormat", "testRunner", "testResultsFiles", "searchFolder", "mergeTestResults", "failTaskOnFailedTests", "failTaskOnFailureToPublishResults", "failTaskOnMissingResultsFile", "testRunTitle", "buildPlatform", "platform", "buildConfiguration", "configuration", "publishRunAttachments"], ["testResultsFiles"]),
            ["PublishCodeCoverageResults@2"] = (["summaryFileLocation", "pathToSources", "failIfCoverageEmpty"], ["summaryFileLocation"]),
            ["ArchiveFiles@2"] = (["rootFolderOrFile", "includeRootFolder", "archiveType", "sevenZipCompression", "tarCompression", "archiveFile", "replaceExistingArchive", "verbose", "quiet"], ["rootFolderOrFile", "archiveFile"]),
            ["PublishPipelineArtifact@1"] = (["targetPath", "path", "artifact", "artifactName", "publishLocation", "artifactType", "fileSharePath", "parallel", "parallelCount", "properties"], ["targetPath"]),
            ["AzureCLI@2"] = (["azureSubscription", "connectedServiceNameARM", "scriptType", "scriptLocation", "scriptPath", "inlineScript", "arguments", "scriptArguments", "powerShellErrorActionPreference", "addSpnToEnvironment", "useGlobalConfig", "workingDirectory", "cwd", "failOnStandardError", "powerShellIgnoreLASTEXITCODE", "visibleAzLogin", "keepAzSessionActive"], ["azureSubscription", "scriptType", "scriptLocation"]),
            ["AzureFunctionApp@2"] = (["azureSubscription", "connectedServiceNameARM", "appType", "isFlexConsumption", "appName", "deployToSlotOrASE", "resourceGroupName", "slotName", "package", "runtimeStack", "appSettings", "deploymentMethod"], ["azureSubscription", "appType", "appName", "package"]),
        };

    private static readonly IReadOnlyDictionary<string, string> Aliases = new Dictionary<string, string>
    {
        ["azureSubscription"] = "connectedServiceNameARM",
        ["targetPath"] = "path",
    };

    private static readonly Lazy<YamlMappingNode> Pipeline = new(Load);

    [TestMethod]
    public void Every_task_is_a_known_task_with_known_inputs()
    {
        var steps = TaskSteps().ToList();

        Assert.IsNotEmpty(steps);
        foreach (var step in steps)
        {
            var task = Scalar(step, "task")!;
            Assert.IsTrue(KnownTasks.TryGetValue(task, out var known), $"Unknown task {task}.");
            var inputs = step.Children.TryGetValue(new YamlScalarNode("inputs"), out var node) ? (YamlMappingNode)node : new YamlMappingNode();
            var given = inputs.Children.Keys.Select(key => ((YamlScalarNode)key).Value!).ToList();

            var unknown = given.Except(known.Inputs).ToList();
            Assert.IsEmpty(unknown, $"{task} has no input(s) {string.Join(", ", unknown)}.");
            foreach (var required in known.Required)
            {
                Assert.IsTrue(given.Contains(required) || (Aliases.TryGetValue(required, out var alias) && given.Contains(alias)), $"{task} needs {required}.");
            }
        }
    }

    [TestMethod]
    public void Code_is_deployed_to_flex_consumption_from_the_zip()
    {
        var deploys = TaskSteps().Where(step => Scalar(step, "task") == "AzureFunctionApp@2").ToList();

        Assert.IsNotEmpty(deploys);
        foreach (var deploy in deploys)
        {
            var inputs = (YamlMappingNode)deploy.Children[new YamlScalarNode("inputs")];
            Assert.AreEqual("functionAppLinux", Scalar(inputs, "appType"));
            Assert.AreEqual("true", Scalar(inputs, "isFlexConsumption"));
            Assert.EndsWith(".zip", Scalar(inputs, "package")!);
        }
    }

    [TestMethod]
    public void Stages_build_validate_then_deploy_through_environments()
    {
        var stages = ((YamlSequenceNode)Pipeline.Value.Children[new YamlScalarNode("stages")]).Children.ToList();
        var text = File.ReadAllText(Repository.PathOf("azure-pipelines.yml"));

        Assert.AreEqual("Build_Test", Scalar((YamlMappingNode)stages[0], "stage"));
        Assert.AreEqual("Validate_Infra", Scalar((YamlMappingNode)stages[1], "stage"));
        Assert.Contains("bash .ci/run", text);
        Assert.Contains("XPlat Code Coverage", text);
        Assert.Contains("az deployment group what-if", text);
        Assert.Contains("az deployment group create", text);
        Assert.Contains("--template-file infra/main.bicep", text);
        Assert.Contains("--parameters infra/main.bicepparam", text);
        Assert.Contains("environment: weathercampaign-${{ env.name }}", text);

        var environments = (YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)Pipeline.Value.Children[new YamlScalarNode("parameters")])[0]).Children[new YamlScalarNode("default")];
        CollectionAssert.AreEqual(new[] { "dev", "prod" }, environments.Children.Select(env => Scalar((YamlMappingNode)env, "name")).ToArray());
    }

    [TestMethod]
    public void Validation_runs_with_no_azure_identity_or_the_what_if_only_connection()
    {
        var validate = Stage("Validate_Infra");
        var tasks = Walk(validate).Where(node => Scalar(node, "task") is not null).ToList();
        var scripts = Walk(validate).Select(node => Scalar(node, "script") ?? Scalar(node, "inlineScript")).OfType<string>().ToList();

        Assert.IsNotEmpty(tasks);
        foreach (var task in tasks)
        {
            Assert.AreEqual("$(whatIfServiceConnection)", Scalar((YamlMappingNode)task.Children[new YamlScalarNode("inputs")], "azureSubscription"), "Validation uses the what-if-only connection.");
        }

        Assert.IsTrue(scripts.Any(script => script.Contains("az bicep lint", StringComparison.Ordinal)));
        Assert.IsTrue(scripts.Any(script => script.Contains("--validation-level ProviderNoRbac", StringComparison.Ordinal)), "What-if checks read permissions only.");
        foreach (var script in scripts)
        {
            Assert.DoesNotContain("deployment group create", script);
            Assert.DoesNotContain("az group create", script);
        }

        Assert.AreEqual("weathercampaign-whatif", Variable("whatIfServiceConnection"));
    }

    [TestMethod]
    public void Dev_and_prod_deploy_with_their_own_service_connections()
    {
        var environments = Environments();
        var connections = environments.ToDictionary(env => Scalar(env, "name")!, env => Scalar(env, "serviceConnection"));
        var deploys = Walk(DeployStageTemplate()).Where(node => Scalar(node, "task") is not null).ToList();

        Assert.AreEqual("weathercampaign-dev", connections["dev"]);
        Assert.AreEqual("weathercampaign-prod", connections["prod"]);
        Assert.AreNotEqual(connections["dev"], connections["prod"]);
        Assert.IsFalse(connections.Values.Contains(Variable("whatIfServiceConnection")));
        Assert.IsNotEmpty(deploys);
        foreach (var task in deploys)
        {
            Assert.AreEqual("${{ env.serviceConnection }}", Scalar((YamlMappingNode)task.Children[new YamlScalarNode("inputs")], "azureSubscription"));
        }

        Assert.DoesNotContain("azureServiceConnection", File.ReadAllText(Repository.PathOf("azure-pipelines.yml")), "One shared connection for every stage is gone.");
    }

    [TestMethod]
    public void Deploy_stages_run_only_on_main_and_prod_only_after_dev()
    {
        var stage = DeployStageTemplate();
        var environments = Environments().ToDictionary(env => Scalar(env, "name")!);
        var trigger = (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)Pipeline.Value.Children[new YamlScalarNode("trigger")]).Children[new YamlScalarNode("branches")]).Children[new YamlScalarNode("include")];

        Assert.AreEqual("and(succeeded(), eq(variables['Build.SourceBranch'], 'refs/heads/main'))", Scalar(stage, "condition"));
        Assert.AreEqual("Deploy_dev", Scalar(environments["prod"], "dependsOn"));
        Assert.AreEqual("weathercampaign-${{ env.name }}", Scalar((YamlMappingNode)((YamlSequenceNode)stage.Children[new YamlScalarNode("jobs")])[0], "environment"));
        CollectionAssert.AreEqual(new[] { "main" }, trigger.Children.Select(branch => ((YamlScalarNode)branch).Value).ToArray());
    }

    [TestMethod]
    public void Agent_image_node_and_sdk_are_pinned()
    {
        var pool = (YamlMappingNode)Pipeline.Value.Children[new YamlScalarNode("pool")];
        var useDotNet = (YamlMappingNode)TaskSteps().Single(step => Scalar(step, "task") == "UseDotNet@2").Children[new YamlScalarNode("inputs")];
        var globalJson = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Repository.PathOf("global.json")))!["sdk"]!;

        Assert.MatchesRegex(@"^ubuntu-\d{2}\.\d{2}$", Scalar(pool, "vmImage")!);
        foreach (var env in Environments())
        {
            var envPool = (YamlMappingNode)env.Children[new YamlScalarNode("pool")];
            Assert.IsTrue(Scalar(envPool, "name") is not null || Scalar(envPool, "vmImage") is { } image && image != "ubuntu-latest", "A deploy pool is a named pool or a pinned image.");
        }

        Assert.MatchesRegex(@"^\d+\.\d+\.\d+$", Variable("nodeVersion")!);
        Assert.AreEqual("true", Scalar(useDotNet, "useGlobalJson"));
        Assert.IsNull(Scalar(useDotNet, "version"), "The SDK version comes from global.json alone.");
        Assert.MatchesRegex(@"^\d+\.\d+\.\d{3}$", globalJson["version"]!.ToString());
        Assert.IsTrue(globalJson["rollForward"]?.ToString() is "latestPatch" or "disable", $"rollForward {globalJson["rollForward"]} lets the SDK move past its feature band.");
    }

    [TestMethod]
    public void Prod_entry_matches_prod_bicepparam_and_closes_the_network()
    {
        var environments = Environments().ToDictionary(env => Scalar(env, "name")!);
        var prodParameters = CompiledInfrastructure.Instance.ProdParameters["parameters"]!;
        var text = File.ReadAllText(Repository.PathOf("azure-pipelines.yml"));

        Assert.AreEqual("true", Scalar(environments["prod"], "network"));
        Assert.AreEqual("false", Scalar(environments["dev"], "network"));
        Assert.AreEqual(prodParameters["network"]!["value"]!.ToString().ToLowerInvariant(), Scalar(environments["prod"], "network"));
        Assert.AreEqual(prodParameters["policyMaxPauseShare"]!["value"]!.ToString(), Scalar(environments["prod"], "policyMaxPauseShare"));
        Assert.AreEqual(2, text.Split("network=${{ env.network }}").Length - 1, "What-if and deploy both pass the environment's network.");
        Assert.AreEqual(2, text.Split("policyMaxPauseShare='${{ env.policyMaxPauseShare }}'").Length - 1);
        Assert.Contains("VNet-connected agent", text);
    }

    private static YamlMappingNode Stage(string name) =>
        Walk(Pipeline.Value.Children[new YamlScalarNode("stages")]).Single(node => Scalar(node, "stage") == name);

    /// <summary>The stage the environments loop stamps out once per environment.</summary>
    private static YamlMappingNode DeployStageTemplate() => Stage("Deploy_${{ env.name }}");

    private static List<YamlMappingNode> Environments() =>
        ((YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)Pipeline.Value.Children[new YamlScalarNode("parameters")])[0]).Children[new YamlScalarNode("default")])
            .Children.Cast<YamlMappingNode>().ToList();

    private static string? Variable(string name) => Scalar((YamlMappingNode)Pipeline.Value.Children[new YamlScalarNode("variables")], name);

    private static IEnumerable<YamlMappingNode> TaskSteps() => Walk(Pipeline.Value).Where(node => Scalar(node, "task") is not null);

    private static IEnumerable<YamlMappingNode> Walk(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                yield return mapping;
                foreach (var child in mapping.Children.Values.SelectMany(Walk))
                {
                    yield return child;
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var child in sequence.Children.SelectMany(Walk))
                {
                    yield return child;
                }

                break;
        }
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    private static YamlMappingNode Load()
    {
        using var reader = new StreamReader(Repository.PathOf("azure-pipelines.yml"));
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }
}
