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
