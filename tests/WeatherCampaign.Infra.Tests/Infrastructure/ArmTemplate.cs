using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WeatherCampaign.Infra.Tests.Infrastructure;

/// <summary>A compiled ARM template with its modules (nested deployments) flattened into one list of resources.</summary>
internal sealed class ArmTemplate
{
    /// <param name="parameters">A compiled parameter file (<c>bicep build-params</c>): its values replace main.bicep's defaults.</param>
    public ArmTemplate(JsonObject template, JsonObject? parameters = null)
    {
        Json = template;
        Root = new ArmDeployment("main", template, parameters?["parameters"]?.AsObject(), parent: null, condition: null);
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
                    deployment,
                    resource.Json["condition"]);
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
internal sealed partial class ArmDeployment(string name, JsonObject template, JsonObject? suppliedParameters, ArmDeployment? parent, JsonNode? condition)
{
    private static readonly HashSet<string> Logic = ["if", "equals", "not", "and", "or", "empty", "null"];

    public string Name { get; } = name;

    public JsonObject Template { get; } = template;

    /// <summary>Whether this module is deployed: its own condition (evaluated where it is declared) and its parents'.</summary>
    public bool IsDeployed =>
        (parent?.IsDeployed ?? true) && (condition is null || parent!.Evaluate(condition) is not JsonValue value || !value.TryGetValue(out bool flag) || flag);

    /// <summary>
    /// Names the resource behind each symbolic <c>reference('x')</c> (languageVersion 2.0 templates) by its type, so
    /// <c>[reference('identity').principalId]</c> reads as the user-assigned identity's principal it is.
    /// </summary>
    public string DescribeSymbols(string text) =>
        SymbolicReference().Replace(text, match =>
            Template["resources"] is JsonObject keyed && keyed[match.Groups[1].Value]?["type"] is { } type
                ? $"reference({type}/{match.Groups[1].Value})"
                : match.Value);

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

        var call = Call().Match(expression);
        if (call.Success && Logic.Contains(call.Groups["name"].Value) && EvaluateLogic(call.Groups["name"].Value, SplitArguments(call.Groups["args"].Value)) is { } logic)
        {
            return (logic.Value, this);
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
        if (access.Groups["index"].Success && current is JsonArray indexed)
        {
            return currentScope.EvaluateInScope(indexed[int.Parse(access.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture)]);
        }

        if (access.Groups["loop"].Success && current is JsonArray iterations)
        {
            // Every iteration's value, each evaluated where the array was declared.
            var scope = currentScope;
            return (new JsonArray(iterations.Select(item => scope.Evaluate(item)?.DeepClone()).ToArray()), currentScope);
        }

        return (current, currentScope);
    }

    /// <summary>if, equals, not, and, or, empty and null over values this evaluator can reach; null when it cannot.</summary>
    private (JsonNode? Value, bool Known)? EvaluateLogic(string function, IReadOnlyList<string> arguments)
    {
        JsonNode? Argument(int index) => Evaluate(Literal(arguments[index]));
        bool? Flag(int index) => Argument(index) is JsonValue value && value.TryGetValue(out bool flag) ? flag : null;

        switch (function)
        {
            case "null" when arguments.Count == 0:
                return (null, true);
            case "if" when arguments.Count == 3:
                return Flag(0) is { } condition ? (Argument(condition ? 1 : 2)?.DeepClone(), true) : null;
            case "not" when arguments.Count == 1:
                return Flag(0) is { } negated ? (JsonValue.Create(!negated), true) : null;
            case "and" or "or" when arguments.Count >= 2:
                var flags = arguments.Select((_, i) => Flag(i)).ToList();
                return flags.Any(flag => flag is null) ? null : (JsonValue.Create(function == "and" ? flags.All(flag => flag!.Value) : flags.Any(flag => flag!.Value)), true);
            case "equals" when arguments.Count == 2:
                var (left, right) = (Argument(0), Argument(1));
                return IsUnresolved(left) || IsUnresolved(right) ? null : (JsonValue.Create(JsonNode.DeepEquals(left, right)), true);
            case "empty" when arguments.Count == 1:
                var value = Argument(0);
                if (value?.ToString().StartsWith("[resourceId(", StringComparison.Ordinal) == true)
                {
                    return (JsonValue.Create(false), true); // a resource id is never empty
                }

                return IsUnresolved(value) ? null : (JsonValue.Create(value switch
                {
                    null => true,
                    JsonArray array => array.Count == 0,
                    JsonObject obj => obj.Count == 0,
                    _ => value.ToString().Length == 0,
                }), true);
            default:
                return null;
        }
    }

    private static bool IsUnresolved(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? text) && text.StartsWith('[') && text.EndsWith(']');

    /// <summary>An argument as a node: 'text', true, false and integers are literals; anything else is an expression.</summary>
    private static JsonNode? Literal(string argument) => argument switch
    {
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        _ when argument.Length >= 2 && argument[0] == '\'' && argument[^1] == '\'' => JsonValue.Create(argument[1..^1].Replace("''", "'")),
        _ when long.TryParse(argument, out var number) => JsonValue.Create(number),
        _ => JsonValue.Create($"[{argument}]"),
    };

    /// <summary>Top-level, comma-separated arguments, respecting quotes, parentheses and brackets.</summary>
    private static List<string> SplitArguments(string text)
    {
        var arguments = new List<string>();
        var (depth, quoted, start) = (0, false, 0);
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\'':
                    quoted = !quoted;
                    break;
                case '(' or '[' when !quoted:
                    depth++;
                    break;
                case ')' or ']' when !quoted:
                    depth--;
                    break;
                case ',' when !quoted && depth == 0:
                    arguments.Add(text[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        if (text.Trim().Length > 0)
        {
            arguments.Add(text[start..].Trim());
        }

        return arguments;
    }

    private (JsonNode? Value, ArmDeployment Scope) Lookup(string kind, string name)
    {
        if (kind == "variables")
        {
            return (Template["variables"] is JsonObject variables ? variables[name] : null, this);
        }

        if (suppliedParameters?[name] is JsonObject entry && entry["value"] is { } supplied)
        {
            return (supplied, parent ?? this);
        }

        return (Template["parameters"]?[name] is JsonObject declared ? declared["defaultValue"] : null, this);
    }

    [GeneratedRegex(@"^(?<name>[a-z]+)\((?<args>.*)\)$")]
    private static partial Regex Call();

    [GeneratedRegex(@"reference\('(\w+)'\)")]
    private static partial Regex SymbolicReference();

    [GeneratedRegex(@"^string\((.+)\)$")]
    private static partial Regex StringCall();

    [GeneratedRegex(@"^(?<kind>parameters|variables)\('(?<name>\w+)'\)(?<path>(\.\w+)*)((?<loop>\[copyIndex\(\)\])|\[(?<index>\d+)\])?$")]
    private static partial Regex Access();
}

/// <summary>A resource as compiled, with the deployment (module) it belongs to.</summary>
internal sealed record ArmResource(ArmDeployment Deployment, JsonObject Json)
{
    public string Type => Json["type"]!.ToString();

    public bool IsExisting => Json["existing"] is JsonValue existing && existing.TryGetValue(out bool flag) && flag;

    public JsonNode? Properties => Json["properties"];

    public string? Condition => Json["condition"]?.ToString();

    /// <summary>Whether the resource is deployed with the template's parameters: its condition and its modules' conditions.</summary>
    public bool IsDeployed =>
        Deployment.IsDeployed && (Json["condition"] is not { } condition || Deployment.Evaluate(condition) is not JsonValue value || !value.TryGetValue(out bool flag) || flag);

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
