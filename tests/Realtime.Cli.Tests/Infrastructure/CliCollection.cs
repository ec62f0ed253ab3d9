using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Cli.Tests.Infrastructure;

/// <summary>One development api (dev tenant, emulator, admin key) shared by every class of the tool's tests.</summary>
[CollectionDefinition(Name)]
public sealed class CliCollection : ICollectionFixture<DevApiHost>
{
    public const string Name = "realtime cli";
}
