using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WeatherCampaign.Infra.Tests.Infrastructure;

/// <summary>A compiled ARM template with its modules (nested deployments) flattened into one list of resources.</summary>
internal sealed class ArmTemplate
{
    public ArmTemplate(JsonObject template)
    {
        Json = template;
        Root = new ArmDeployment("main", template, suppliedParameters: null, parent: null);
        Resources = Flatten(Root).ToList();
    }

    public JsonObject Json { get; }

    public ArmDeployment Root { get; }

    /// <summary>Every resource the deployment creates or updates (not <c>existing</c> references, not the module deployments).</summary>
    public IReadOnlyList<ArmResource> Resources { get; }

    public IReadOnlyList<ArmResource> OfType(string type) =>
        Resources.Where(resource => string.Equals(resource.Type, type, StringComparison.OrdinalIgnoreCase)).ToList();

    public ArmResource Single(string type)
    {
        var matches = OfType(type);
        Assert.HasCount(1, matches, $"Expected exactly one {type}.");
        return matches[0];
    }

    private static IEnumerable<ArmResource> Flatten(ArmDeployment deployment)
    {
        foreach (var resource in deployment.DeclaredResources())
        {
            if (resource.Type == "Microsoft.Resources/deployments")
            {
                var properties = resource.Json["properties"]!;
                var nested = new ArmDeployment(
                    resource.Json["name"]!.ToString(),
                    properties["template"]!.AsObject(),
                    properties["parameters"]?.AsObject(),
                    deployment);
                foreach (var inner in Flatten(nested))
                {
                    yield return inner;
                }
            }
            else if (!resource.IsExisting)
            {
                yield return resource;
            }
        }
    }
}

/// <summary>One template (main or a module) and the parameter values its parent hands it.</summary>
internal sealed partial class ArmDeployment(string name, JsonObject template, JsonObject? suppliedParameters, ArmDeployment? parent)
{
    public string Name { get; } = name;

    public JsonObject Template { get; } = template;

    public IEnumerable<ArmResource> DeclaredResources() =>
        Template["resources"] switch
        {
            JsonArray list => list.OfType<JsonObject>().Select(json => new ArmResource(this, json)),
            // languageVersion 2.0 keys resources by their symbolic name.
            JsonObject keyed => keyed.Select(pair => pair.Value).OfType<JsonObject>().Select(json => new ArmResource(this, json)),
            _ => [],
        };

    /// <summary>
    /// Follows <c>[parameters('x').y]</c>, <c>[variables('x').y]</c>, <c>[variables('x')[copyIndex()]]</c> and
    /// <c>[string(…)]</c> through modules up to the value that main.bicep's parameters default to. Anything else
    /// (reference(), format(), …) comes back as the expression text.
    /// </summary>
    public JsonNode? Evaluate(JsonNode? node) => EvaluateInScope(node).Value;

    private (JsonNode? Value, ArmDeployment Scope) EvaluateInScope(JsonNode? node)
    {
        if (node is not JsonValue value || !value.TryGetValue(out string? text) || !text.StartsWith('[') || !text.EndsWith(']'))
        {
            return (node, this);
        }

        var expression = text[1..^1];
        var stringCall = StringCall().Match(expression);
        if (stringCall.Success)
        {
            var (inner, scope) = EvaluateInScope(JsonValue.Create($"[{stringCall.Groups[1].Value}]"));
            return (JsonValue.Create(inner is JsonValue innerValue ? innerValue.ToString() : inner?.ToJsonString()), scope);
        }

        var access = Access().Match(expression);
        if (!access.Success)
        {
            return (node, this);
        }

        var (current, currentScope) = Lookup(access.Groups["kind"].Value, access.Groups["name"].Value);
        foreach (var property in access.Groups["path"].Value.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            (current, currentScope) = currentScope.EvaluateInScope(current);
            current = current?[property];
        }

        (current, currentScope) = currentScope.EvaluateInScope(current);
        if (access.Groups["loop"].Success && current is JsonArray iterations)
        {
            // Every iteration's value, each evaluated where the array was declared.
            var scope = currentScope;
            return (new JsonArray(iterations.Select(item => scope.Evaluate(item)?.DeepClone()).ToArray()), currentScope);
        }

        return (current, currentScope);
    }

    private (JsonNode? Value, ArmDeployment Scope) Lookup(string kind, string name)
    {
        if (kind == "variables")
        {
            return (Template["variables"]?[name], this);
        }

        if (suppliedParameters?[name]?["value"] is { } supplied)
        {
            return (supplied, parent!);
        }

        return (Template["parameters"]?[name]?["defaultValue"], this);
    }

    [GeneratedRegex(@"^string\((.+)\)$")]
    private static partial Regex StringCall();

    [GeneratedRegex(@"^(?<kind>parameters|variables)\('(?<name>\w+)'\)(?<path>(\.\w+)*)(?<loop>\[copyIndex\(\)\])?$")]
    private static partial Regex Access();
}

/// <summary>A resource as compiled, with the deployment (module) it belongs to.</summary>
internal sealed record ArmResource(ArmDeployment Deployment, JsonObject Json)
{
    public string Type => Json["type"]!.ToString();

    public bool IsExisting => Json["existing"] is JsonValue existing && existing.TryGetValue(out bool flag) && flag;

    public JsonNode? Properties => Json["properties"];

    public string? Condition => Json["condition"]?.ToString();

    /// <summary>A property path such as <c>siteConfig.minTlsVersion</c> under <c>properties</c>, evaluated where possible.</summary>
    public JsonNode? Property(string path)
    {
        JsonNode? current = Properties;
        foreach (var part in path.Split('.'))
        {
            current = Deployment.Evaluate(current)?[part];
        }

        return Deployment.Evaluate(current);
    }

    public string? Text(string path) => Property(path)?.ToString();
}
