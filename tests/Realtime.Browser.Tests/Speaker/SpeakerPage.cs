using System.Collections.Concurrent;
using Microsoft.Playwright;
using Realtime.Browser.Tests.Infrastructure;
using Realtime.Testing.Browser;

namespace Realtime.Browser.Tests.Speaker;

/// <summary>The speaker page (/speak) open in Chromium: its controls by id, and what went wrong in its console.</summary>
public sealed class SpeakerPage
{
    // Keeps every microphone stream the page opens, so a test can see its tracks end; the page itself is untouched.
    private const string KeepMicrophoneStreams = """
        window.__microphones = [];
        const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
        navigator.mediaDevices.getUserMedia = async constraints => {
          const stream = await getUserMedia(constraints);
          window.__microphones.push(stream);
          return stream;
        };
        """;

    private SpeakerPage(IPage page) => Page = page;

    public IPage Page { get; }

    /// <summary>What went wrong in the page (<see cref="PageProblems"/>).</summary>
    public ConcurrentQueue<string> Problems { get; } = new();

    /// <summary>Every request the page made, as "METHOD path".</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public ILocator Status => Page.Locator("#status");

    public ILocator Message => Page.Locator("#message");

    public ILocator Session => Page.Locator("#session");

    public ILocator Captions => Page.Locator("#captions > li");

    public ILocator Start => Page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true });

    public ILocator Stop => Page.GetByRole(AriaRole.Button, new() { Name = "Stop", Exact = true });

    public ILocator Share => Page.GetByRole(AriaRole.Button, new() { Name = "Share", Exact = true });

    public ILocator ShareUrl => Page.GetByLabel("Viewer link");

    public static async Task<SpeakerPage> OpenAsync(Chromium chromium, Uri apiBase)
    {
        var tab = await chromium.FirstTabAsync();
        var page = new SpeakerPage(tab);
        PageProblems.CollectInto(tab, page.Problems);
        tab.Request += (_, request) => page.Requests.Enqueue($"{request.Method} {new Uri(request.Url).AbsolutePath}");
        await tab.AddInitScriptAsync(KeepMicrophoneStreams);
        var url = new Uri(apiBase, "/speak").ToString();
        var response = await tab.GotoAsync(url);
        Assert.True(response?.Ok, $"GET {url} answered {response?.Status}");
        return page;
    }

    /// <summary>Signs in through the development name field (POST /dev/token).</summary>
    public async Task SignInAsync(string user)
    {
        await Page.GetByLabel("Your name").FillAsync(user);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Signs in with a JWT the test already holds, as a tenant's user would paste the app's token.</summary>
    public async Task UseTokenAsync(string jwt)
    {
        await Page.GetByLabel("Or your app's token (JWT)").FillAsync(jwt);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Use token" }).ClickAsync();
    }

    /// <summary>The readyState of every microphone track the page opened.</summary>
    public Task<string[]> MicrophoneTrackStatesAsync() =>
        Page.EvaluateAsync<string[]>("() => window.__microphones.flatMap(s => s.getTracks().map(t => t.readyState))");

    public ILocator Caption(string text) => Captions.Filter(new LocatorFilterOptions { HasText = text });
}
