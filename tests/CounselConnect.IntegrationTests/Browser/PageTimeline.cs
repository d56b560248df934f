using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CounselConnect.IntegrationTests.Support;
using Microsoft.Playwright;

namespace CounselConnect.IntegrationTests.Browser;

/// <summary>
/// What a page did, with times: its requests, navigations, load events, console errors. When a journey step fails,
/// <see cref="DescribeAsync"/> puts this next to the server's log of the same seconds, so a step that waited too long
/// says where the time went (a request the server never answered, a load event that never came, a crashed page).
/// </summary>
public sealed class PageTimeline
{
    private const int Kept = 200;

    private static readonly ConditionalWeakTable<IPage, PageTimeline> Timelines = new();

    private readonly ConcurrentQueue<string> _events = new();
    private readonly ConcurrentDictionary<IRequest, DateTime> _open = new();
    private readonly DateTime _started = DateTime.UtcNow;

    /// <summary>Starts recording what <paramref name="page"/> does (once per page).</summary>
    public static void Attach(IPage page)
    {
        if (Timelines.TryGetValue(page, out _))
        {
            return;
        }

        var timeline = new PageTimeline();
        Timelines.Add(page, timeline);
        page.Request += (_, r) =>
        {
            timeline._open[r] = DateTime.UtcNow;
            timeline.Add($"request {r.Method} {PathOf(r.Url)}");
        };
        page.Response += (_, r) => timeline.Add($"response {r.Status} {r.Request.Method} {PathOf(r.Url)}");
        page.RequestFinished += (_, r) =>
        {
            timeline._open.TryRemove(r, out DateTime _);
            timeline.Add($"finished {r.Method} {PathOf(r.Url)}");
        };
        page.RequestFailed += (_, r) =>
        {
            timeline._open.TryRemove(r, out DateTime _);
            timeline.Add($"failed {r.Method} {PathOf(r.Url)}: {r.Failure}");
        };
        page.FrameNavigated += (_, f) =>
        {
            if (f == page.MainFrame)
            {
                timeline.Add($"navigated to {PathOf(f.Url)}");
            }
        };
        page.DOMContentLoaded += (_, _) => timeline.Add("DOMContentLoaded");
        page.Load += (_, _) => timeline.Add("load");
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning")
            {
                timeline.Add($"console {m.Type}: {m.Text}");
            }
        };
        page.PageError += (_, e) => timeline.Add($"page error: {e}");
        page.Crash += (_, _) => timeline.Add("page crashed");
        page.Close += (_, _) => timeline.Add("page closed");
    }

    /// <summary>
    /// The page's state now (address, document.readyState, requests still open), its timeline, and the server's log
    /// lines from the same time: warnings, errors and each request's start and end.
    /// </summary>
    public static async Task<string> DescribeAsync(IPage page)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"now {LogSink.Stamp(DateTime.UtcNow)}; page at {PathOf(page.Url)}");
        var readyState = page.EvaluateAsync<string>("() => document.readyState + ', ' + document.documentElement.outerHTML.length + ' characters'");
        var answered = await Task.WhenAny(readyState, Task.Delay(TimeSpan.FromSeconds(5))) == readyState;
        text.AppendLine(answered
            ? (readyState.IsCompletedSuccessfully ? $"document.readyState: {readyState.Result}" : $"document.readyState: {readyState.Exception?.GetBaseException().Message}")
            : "document.readyState: the page did not answer within 5 s");

        if (!Timelines.TryGetValue(page, out var timeline))
        {
            return text.AppendLine("(no timeline: the page was not made by BrowserFixture.NewPageAsync)").ToString();
        }

        foreach (var (request, since) in timeline._open)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"still open since {LogSink.Stamp(since)}: {request.Method} {PathOf(request.Url)}");
        }

        text.AppendLine("page timeline (latest last):");
        foreach (var line in timeline._events)
        {
            text.Append("  ").AppendLine(line);
        }

        text.AppendLine("server log since the page opened (warnings, errors, requests; latest last):");
        var opened = LogSink.Stamp(timeline._started);
        var server = LogSink.Lines
            .Where(l => string.CompareOrdinal(LogSink.TimeOf(l), opened) >= 0)
            .Where(l => !l.StartsWith("Debug", StringComparison.Ordinal) && !l.StartsWith("Trace", StringComparison.Ordinal))
            .Where(l => !l.StartsWith("Information", StringComparison.Ordinal) || l.Contains("Hosting.Diagnostics", StringComparison.Ordinal))
            .ToList();
        foreach (var line in server.Skip(Math.Max(0, server.Count - 120)))
        {
            text.Append("  ").AppendLine(line.Length > 400 ? line[..400] + " …" : line);
        }

        return text.ToString();
    }

    private static string PathOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.PathAndQuery : url;

    private void Add(string what)
    {
        _events.Enqueue($"{LogSink.Stamp(DateTime.UtcNow)} {what}");
        while (_events.Count > Kept && _events.TryDequeue(out _))
        {
        }
    }
}
