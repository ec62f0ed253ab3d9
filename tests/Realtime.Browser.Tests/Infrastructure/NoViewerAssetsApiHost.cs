using Realtime.Api.Tests.Infrastructure;
using Realtime.Api.Viewer;

namespace Realtime.Browser.Tests.Infrastructure;

/// <summary>The dev api as a build without npm leaves it: its viewer folder holds no SignalR client.</summary>
public sealed class NoViewerAssetsApiHost : ApiHost
{
    private readonly string _emptyFolder = Directory.CreateTempSubdirectory("realtime-no-viewer-").FullName;

    protected override string Environment => "Development";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [new(ViewerEndpoints.AssetsPathKey, _emptyFolder)];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_emptyFolder, recursive: true);
    }
}
