using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Realtime.Cluster.Tests.Compose;

/// <summary>docker-compose.yml read as plain data (anchors and <c>&lt;&lt;</c> merges resolved, as Compose does).</summary>
public sealed class ComposeFile
{
    private readonly Dictionary<string, object?> _root;

    private ComposeFile(Dictionary<string, object?> root) => _root = root;

    public static ComposeFile Load(string path)
    {
        using var reader = new StreamReader(path);
        var root = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object?>>(new MergingParser(new Parser(reader)));
        return new ComposeFile(root ?? []);
    }

    public IReadOnlyDictionary<string, Dictionary<object, object?>> Services =>
        Map(_root["services"]).ToDictionary(s => (string)s.Key, s => Map(s.Value));

    /// <summary>A top-level section (<c>networks</c>, …) as a map; empty when absent.</summary>
    public Dictionary<object, object?> Section(string name) => Map(_root.GetValueOrDefault(name));

    public IReadOnlyDictionary<string, object?> Volumes => Map(_root.GetValueOrDefault("volumes")).ToDictionary(v => (string)v.Key, v => v.Value);

    /// <summary>A service's environment as name → value, whether written as a map or as a list of NAME=value.</summary>
    public IReadOnlyDictionary<string, string> Environment(string service)
    {
        var environment = Services[service].GetValueOrDefault("environment");
        if (environment is List<object> list)
            return list.Select(e => ((string)e).Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
        return Map(environment).ToDictionary(e => (string)e.Key, e => e.Value?.ToString() ?? "");
    }

    public static IReadOnlyList<string> Strings(object? value) => value switch
    {
        null => [],
        string s => [s],
        List<object> list => [.. list.Select(o => o.ToString() ?? "")],
        _ => throw new InvalidOperationException($"Expected a string or a list, found {value.GetType().Name}."),
    };

    public static Dictionary<object, object?> Map(object? value) =>
        value as Dictionary<object, object?> ?? [];
}
