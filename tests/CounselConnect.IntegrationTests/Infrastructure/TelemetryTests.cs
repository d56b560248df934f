using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using CounselConnect.IntegrationTests.Support;

namespace CounselConnect.IntegrationTests.Infrastructure;

/// <summary>Telemetry switched on by configuration: request spans carry the route template, never the path sent.</summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private readonly OtlpSqliteFactory _factory = new();

    public Task InitializeAsync() => _factory.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    [Fact]
    public async Task With_an_OTLP_endpoint_request_spans_record_the_route_template_instead_of_ids_or_secrets_in_the_path()
    {
        var marker = Guid.NewGuid();
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        using var client = _factory.CreateClient();
        client.WithBearer(await client.GetClientCredentialsTokenAsync());
        // Our requests' spans are the children of this trace (other tests' hosts run in the same process).
        var traceId = ActivityTraceId.CreateRandom();
        client.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using (var response = await client.GetAsync($"/api/v1/intakes/{marker}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using (var response = await client.GetAsync($"/calendar/{marker:N}.ics"))
        {
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        }

        // The OpenTelemetry enrichment runs as each request ends; wait for both spans.
        var deadline = Stopwatch.StartNew();
        List<Activity> ours;
        do
        {
            await Task.Delay(50);
            ours = stopped.Where(a => a.TraceId == traceId).ToList();
        }
        while (ours.Count < 2 && deadline.Elapsed < TimeSpan.FromSeconds(10));

        Assert.True(ours.Count >= 2, "no request spans of this test with the OTLP exporter configured");
        var paths = ours.Select(a => a.GetTagItem("url.path") as string).ToList();
        Assert.Contains("/api/v1/intakes/{id:guid}", paths);
        Assert.Contains("/calendar/{secret}.ics", paths);
        foreach (var activity in stopped)
        {
            foreach (var tag in activity.TagObjects)
            {
                var text = tag.Value?.ToString() ?? string.Empty;
                Assert.False(text.Contains(marker.ToString(), StringComparison.OrdinalIgnoreCase)
                    || text.Contains(marker.ToString("N"), StringComparison.OrdinalIgnoreCase), $"{activity.DisplayName}: {tag.Key} = {text}");
            }
        }
    }

    /// <summary>SQLite host with an OTLP endpoint on a closed loopback port (export fails quietly; spans are still made).</summary>
    private sealed class OtlpSqliteFactory : SqliteFactory
    {
        protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
        {
            ["OpenTelemetry:OtlpEndpoint"] = "http://127.0.0.1:9",
            ["OpenTelemetry:ExportLogs"] = "false",
        };
    }
}
