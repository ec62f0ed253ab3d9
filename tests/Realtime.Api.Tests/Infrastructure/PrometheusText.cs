using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Realtime.Api.Tests.Infrastructure;

/// <summary>One scrape of GET /metrics, parsed just enough to read samples by name and labels.</summary>
public sealed partial class PrometheusText
{
    private PrometheusText(string text, string? contentType)
    {
        Text = text;
        ContentType = contentType;
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var match = SampleLine().Match(line);
            if (!match.Success) continue;
            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value);
            if (double.TryParse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                Samples.Add((match.Groups["name"].Value, labels, value));
        }
    }

    public string Text { get; }

    public string? ContentType { get; }

    public List<(string Name, Dictionary<string, string> Labels, double Value)> Samples { get; } = [];

    public static async Task<PrometheusText> ScrapeAsync(ApiHost host)
    {
        using var response = await host.Client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /metrics answered {(int)response.StatusCode}: {text}");
        return new PrometheusText(text, response.Content.Headers.ContentType?.ToString());
    }

    /// <summary>The sum of every sample named <paramref name="name"/> whose labels include all of <paramref name="labels"/>.</summary>
    public double Sum(string name, params (string Name, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).Sum(s => s.Value);

    public bool Has(string name) => Samples.Any(s => s.Name == name);

    /// <summary>Scrapes until <paramref name="done"/> holds (a grain's or an observer's work may land just after the answer), failing after 10 s.</summary>
    public static Task<PrometheusText> WaitForAsync(ApiHost host, Func<PrometheusText, bool> done, string what) =>
        Eventually.ValueAsync(() => ScrapeAsync(host), done, scrape => $"/metrics never showed {what}:\n{scrape.Text}");

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)")]
    private static partial Regex SampleLine();

    [GeneratedRegex("(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=\"(?<value>(?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex LabelPair();
}
