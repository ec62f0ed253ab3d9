using System.Collections.Frozen;

namespace Realtime.Api.Viewer;

/// <summary>
/// The viewer page's files in the <c>viewer/</c> folder the build puts next to the api (from client/web, and
/// the SignalR browser client from its npm package). Only the scripts, styles and icons listed there at startup are
/// ever served, so nothing else on disk can be reached through the asset route.
/// </summary>
internal sealed class ViewerAssets
{
    public const string Folder = "viewer";
    public const string PageFile = "viewer.html";
    public const string SignalRScript = "signalr.min.js";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, ViewerAsset> _assets;

    private ViewerAssets(ViewerAsset? page, FrozenDictionary<string, ViewerAsset> assets)
    {
        Page = page;
        _assets = assets;
    }

    /// <summary>The page itself; served only through /watch/{id}, never as an asset.</summary>
    public ViewerAsset? Page { get; }

    /// <summary>False when the api was built without npm: the page would load without its SignalR client.</summary>
    public bool IsComplete => Page is not null && _assets.ContainsKey(SignalRScript);

    public static ViewerAssets Load(string root)
    {
        if (!Directory.Exists(root)) return new ViewerAssets(null, FrozenDictionary<string, ViewerAsset>.Empty);
        var assets = new Dictionary<string, ViewerAsset>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(root))
        {
            if (ContentTypes.TryGetValue(System.IO.Path.GetExtension(path), out var contentType))
                assets[System.IO.Path.GetFileName(path)] = Describe(path, contentType);
        }
        var page = System.IO.Path.Combine(root, PageFile);
        return new ViewerAssets(File.Exists(page) ? Describe(page, "text/html; charset=utf-8") : null, assets.ToFrozenDictionary(StringComparer.Ordinal));
    }

    public ViewerAsset? Find(string name) => _assets.GetValueOrDefault(name);

    private static ViewerAsset Describe(string path, string contentType)
    {
        var info = new FileInfo(path);
        var modified = new DateTimeOffset(info.LastWriteTimeUtc);
        return new ViewerAsset(path, contentType, modified, $"\"{info.Length:x}-{modified.ToUnixTimeMilliseconds():x}\"");
    }
}
