namespace Realtime.Api.Tests.Infrastructure;

/// <summary>The real api with settings a test chooses (storage, shutdown timeout, upstream…) on top of the common ones.</summary>
public sealed class ConfiguredApiHost(string environment, IReadOnlyDictionary<string, string?> settings) : ApiHost
{
    protected override string Environment => environment;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => settings;
}
