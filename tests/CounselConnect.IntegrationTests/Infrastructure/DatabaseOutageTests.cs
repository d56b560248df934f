using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.IntegrationTests.Support;
using Xunit.Abstractions;

namespace CounselConnect.IntegrationTests.Infrastructure;

/// <summary>
/// The outage proof, in the suite: a private PostgreSQL is stopped for 10 seconds while a light load
/// (intakes with their conflict check, intake lists, readiness probes) runs against the real host. During the
/// outage every answer is 503 with Retry-After and a ProblemDetails (never a 500); readiness is unhealthy; within
/// 10 seconds of the restart the service is ready again by itself, and every intake that was answered 201 is there.
/// </summary>
public sealed class DatabaseOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(10);

    private PostgresCluster? _cluster;
    private OutageFactory? _factory;

    public async Task InitializeAsync()
    {
        _cluster = await PostgresCluster.StartPrivateAsync();
        await _cluster.CreateDatabaseAsync("cc_outage");
        _factory = new OutageFactory(_cluster.ConnectionString("cc_outage"));
        await _factory.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await ((IAsyncLifetime)_factory).DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Stopping_PostgreSQL_for_10_seconds_gives_only_503s_then_recovers_and_loses_nothing_accepted()
    {
        var factory = _factory!;
        var cluster = _cluster!;
        using var client = factory.CreateClient();
        client.WithBearer(await client.GetClientCredentialsTokenAsync());
        using (var warm = await client.PostAsJsonAsync("/api/v1/intakes", NewIntake()))
        {
            Assert.Equal(HttpStatusCode.Created, warm.StatusCode);
        }

        var clock = Stopwatch.StartNew();
        var samples = new ConcurrentQueue<Sample>();
        using var stop = new CancellationTokenSource();
        var workers = new[]
        {
            Loop(() => client.PostAsJsonAsync("/api/v1/intakes", NewIntake()), "intake", TimeSpan.FromMilliseconds(100)),
            Loop(() => client.PostAsJsonAsync("/api/v1/intakes", NewIntake()), "intake", TimeSpan.FromMilliseconds(100)),
            Loop(() => client.GetAsync("/api/v1/intakes?pageSize=5"), "list", TimeSpan.FromMilliseconds(100)),
            Loop(() => client.GetAsync("/health/ready"), "ready", TimeSpan.FromMilliseconds(200)),
        };

        await Task.Delay(TimeSpan.FromSeconds(2));
        await cluster.StopServerAsync();
        var stopped = clock.Elapsed;
        await Task.Delay(Outage);
        var restarting = clock.Elapsed;
        await cluster.StartServerAsync();
        var restarted = clock.Elapsed;

        TimeSpan? ready = null;
        while (clock.Elapsed - restarted < RecoveryLimit + TimeSpan.FromSeconds(5))
        {
            await Task.Delay(100);
            ready = samples.Where(s => s.Kind == "ready" && s.Status == 200 && s.Started >= restarted).Select(s => (TimeSpan?)s.Ended).Min();
            if (ready is not null)
            {
                break;
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var all = samples.ToList();
        var api = all.Where(s => s.Kind != "ready").ToList();
        var inOutage = all.Where(s => s.Started >= stopped && s.Ended <= restarting).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stopped at {stopped.TotalSeconds:0.0} s, restart began {restarting.TotalSeconds:0.0} s, server up {restarted.TotalSeconds:0.0} s, ready {(ready - restarted)?.TotalSeconds:0.0} s after"));
        foreach (var group in all.GroupBy(s => (s.Kind, Phase: s.Ended < stopped ? "before" : s.Started >= restarted ? "after" : "outage")).OrderBy(g => g.Key.Phase))
        {
            var median = group.Select(s => (s.Ended - s.Started).TotalMilliseconds).Order().ElementAt(group.Count() / 2);
            output.WriteLine($"{group.Key.Phase,-7} {group.Key.Kind,-7} "
                + string.Join(", ", group.GroupBy(s => s.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"))
                + string.Create(CultureInfo.InvariantCulture, $"; median {median:0} ms"));
        }

        // Never anything but success or 503, and every 503 says when to come back, as a ProblemDetails.
        var unexpected = all.Where(s => s.Status is not (>= 200 and < 300) and not 503).ToList();
        Assert.True(unexpected.Count == 0, "Unexpected answers: " + string.Join("; ", unexpected.Take(10)));
        var bare503 = all.Where(s => s.Kind != "ready" && s.Status == 503 && (!s.RetryAfter || s.ContentType != "application/problem+json")).ToList();
        Assert.True(bare503.Count == 0, "503 without Retry-After or ProblemDetails: " + string.Join("; ", bare503.Take(10)));

        // During the outage: only 503s, readiness unhealthy, and the load really did hit the outage.
        Assert.All(inOutage, s => Assert.Equal(503, s.Status));
        Assert.Contains(inOutage, s => s.Kind == "intake");
        Assert.Contains(inOutage, s => s.Kind == "list");
        Assert.Contains(inOutage, s => s.Kind == "ready");

        // Healthy again within 10 s of the restart, with no help, and API calls succeed from then on.
        Assert.True(ready is not null && ready.Value - restarted <= RecoveryLimit,
            $"/health/ready was not 200 within {RecoveryLimit.TotalSeconds} s of the restart");
        var settled = api.Where(s => s.Started >= ready!.Value + TimeSpan.FromSeconds(1)).ToList();
        Assert.NotEmpty(settled);
        Assert.All(settled, s => Assert.True(s.Status is >= 200 and < 300, $"after recovery: {s}"));
        Assert.Contains(api, s => s.Status == 201 && s.Ended < stopped);
        Assert.Contains(api, s => s.Status == 201 && s.Started >= restarted);

        // Nothing accepted is lost: every intake answered 201 can be read back.
        var accepted = api.Where(s => s.Status == 201).Select(s => s.CreatedId!.Value).ToList();
        output.WriteLine($"accepted intakes: {accepted.Count}");
        foreach (var id in accepted)
        {
            using var read = await client.GetAsync($"/api/v1/intakes/{id}");
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"accepted intake {id} reads back as {(int)read.StatusCode}");
        }

        async Task Loop(Func<Task<HttpResponseMessage>> send, string kind, TimeSpan pause)
        {
            while (!stop.IsCancellationRequested)
            {
                var started = clock.Elapsed;
                using var response = await send();
                Guid? created = null;
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                    created = body.GetProperty("id").GetGuid();
                }

                samples.Enqueue(new Sample(kind, started, clock.Elapsed, (int)response.StatusCode, response.Headers.RetryAfter is not null,
                    response.Content.Headers.ContentType?.MediaType, created));
                try
                {
                    await Task.Delay(pause, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static object NewIntake() => new
    {
        person = new { givenNames = "Outage", familyNames = "Probe" + Guid.NewGuid().ToString("N")[..8], aliases = Array.Empty<string>() },
        relatedParties = Array.Empty<object>(),
        custody = "detained",
        courtCode = "NYC",
        primaryLanguage = "spa",
        languages = new[] { new { code = "spa", speaks = true, reads = true } },
        interpreterNeeded = true,
        reliefSought = new[] { "asylum" },
    };

    private sealed record Sample(string Kind, TimeSpan Started, TimeSpan Ended, int Status, bool RetryAfter, string? ContentType, Guid? CreatedId)
    {
        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"{Kind} {Status} at {Started.TotalSeconds:0.00}-{Ended.TotalSeconds:0.00} s");
    }

    private sealed class OutageFactory(string connectionString) : CounselConnectFactory
    {
        public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

        protected override Task<string> ProvisionDatabaseAsync() => Task.FromResult(connectionString);

        protected override Task DropDatabaseAsync() => Task.CompletedTask;
    }
}
