using Microsoft.Playwright;

namespace Realtime.Testing.Browser;

/// <summary>
/// Debian's Chromium (the `chromium` package, installed by .ci/run) driven by Playwright: headless, a fresh
/// profile per session, and nothing that talks to the internet on its own. Playwright never downloads a browser here.
/// Linked into the browser tests and the benchmarks, which drive the same browser the same way.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>
    /// What WebRTC tests add (docs/design.md §WebRTC interop): a fake microphone granted without a prompt,
    /// and loopback candidates, which Chromium otherwise never offers, so every packet stays on 127.0.0.1.
    /// </summary>
    public static readonly IReadOnlyList<string> WebRtcFlags =
    [
        "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--allow-loopback-in-peer-connection",
    ];

    private static readonly TimeSpan LaunchTimeout = TimeSpan.FromSeconds(30);

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private Chromium(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    /// <summary>The tab a page opens in: a persistent context starts with one blank tab, used rather than left beside a second one.</summary>
    public async Task<IPage> FirstTabAsync() => Context.Pages.Count > 0 ? Context.Pages[0] : await Context.NewPageAsync();

    /// <param name="extraArgs">More command-line flags, for instance <see cref="WebRtcFlags"/>.</param>
    public static async Task<Chromium> LaunchAsync(IEnumerable<string>? extraArgs = null)
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException(
                $"Chromium is not installed at {ExecutablePath}. Install Debian's package (apt-get install -y chromium), as .ci/run does.");
        var profile = Directory.CreateTempSubdirectory("realtime-chromium-").FullName;
        var playwright = await Playwright.CreateAsync();
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Timeout = (float)LaunchTimeout.TotalMilliseconds,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", .. extraArgs ?? [],
                ],
                ViewportSize = new ViewportSize { Width = 1100, Height = 700 },
            });
            // Every wait is bounded: a missing caption fails the test in seconds instead of hanging the run.
            context.SetDefaultTimeout(15_000);
            context.SetDefaultNavigationTimeout(15_000);
            return new Chromium(playwright, context, profile);
        }
        catch
        {
            playwright.Dispose();
            TryDelete(profile);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Context.CloseAsync();
        }
        finally
        {
            _playwright.Dispose();
            TryDelete(_profile);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be flushing its profile; the temp folder is cleaned by the OS eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
