using System.Collections.Frozen;

namespace Realtime.Api.Viewer;

/// <summary>
/// The browser pages' files in the <c>viewer/</c> folder the build puts next to the api (from client/web, and
/// the SignalR browser client from its npm package): the viewer page, the speaker page, and the scripts, styles
/// and icons they share. Only the files listed there at startup are ever served, so nothing else on disk can be
/// reached through the asset route.
/// </summary>
internal sealed class ViewerAssets
{
    public const string Folder = "viewer";
    public const string ViewerPageFile = "viewer.html";
    public const string SpeakerPageFile = "speak.html";
    public const string SignalRScript = "signalr.min.js";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly string[] PageFiles = [ViewerPageFile, SpeakerPageFile];

    private readonly FrozenDictionary<string, ViewerAsset> _pages;
    private readonly FrozenDictionary<string, ViewerAsset> _assets;

    private ViewerAssets(FrozenDictionary<string, ViewerAsset> pages, FrozenDictionary<string, ViewerAsset> assets)
    {
        _pages = pages;
        _assets = assets;
    }

    /// <summary>False when the api was built without npm: a page would load without its SignalR client.</summary>
    public bool HasSignalR => _assets.ContainsKey(SignalRScript);

    public static ViewerAssets Load(string root)
    {
        if (!Directory.Exists(root)) return new ViewerAssets(FrozenDictionary<string, ViewerAsset>.Empty, FrozenDictionary<string, ViewerAsset>.Empty);
        var assets = new Dictionary<string, ViewerAsset>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(root))
        {
            if (ContentTypes.TryGetValue(System.IO.Path.GetExtension(path), out var contentType))
                assets[System.IO.Path.GetFileName(path)] = Describe(path, contentType);
        }
        var pages = PageFiles.Where(file => File.Exists(System.IO.Path.Combine(root, file)))
            .ToFrozenDictionary(file => file, file => Describe(System.IO.Path.Combine(root, file), "text/html; charset=utf-8"), StringComparer.Ordinal);
        return new ViewerAssets(pages, assets.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>A page (<see cref="ViewerPageFile"/>, <see cref="SpeakerPageFile"/>); pages are served only through their own routes, never as assets.</summary>
    public ViewerAsset? FindPage(string file) => _pages.GetValueOrDefault(file);

    public ViewerAsset? Find(string name) => _assets.GetValueOrDefault(name);

    private static ViewerAsset Describe(string path, string contentType)
    {
        var info = new FileInfo(path);
        var modified = new DateTimeOffset(info.LastWriteTimeUtc);
        return new ViewerAsset(path, contentType, modified, $"\"{info.Length:x}-{modified.ToUnixTimeMilliseconds():x}\"");
    }
}
