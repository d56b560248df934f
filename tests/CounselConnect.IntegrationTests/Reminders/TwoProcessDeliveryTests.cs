using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CounselConnect.Domain.Hearings;
using CounselConnect.Domain.Reminders;
using CounselConnect.Infrastructure.Identity;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace CounselConnect.IntegrationTests.Reminders;

/// <summary>Runs alone: it measures two whole server processes and would only slow (and be slowed by) other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TwoProcessCollection
{
    public const string Name = "Two web processes";
}

/// <summary>
/// The proof that reminders are delivered exactly once in effect: two real CounselConnect.Web processes (<c>dotnet
/// CounselConnect.Web.dll</c>, each with its own Hangfire server running the recurring delivery job) share one throwaway
/// PostgreSQL database and send 10,000 due reminders by SMTP to a local sink, which counts messages by the Message-ID the
/// channel derives from the reminder id.
/// </summary>
[Collection(TwoProcessCollection.Name)]
public sealed partial class TwoProcessDeliveryTests(ITestOutputHelper output)
{
    private const int ReminderCount = 10_000;
    private const int WorkersPerProcess = 2;
    private static readonly TimeSpan SendingTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(150);

    /// <summary>
    /// One pair of processes for both parts (starting two web apps is the slow step): first 10,000 reminders with both
    /// alive, then 10,000 more while process A is killed with SIGKILL in the middle.
    /// </summary>
    [Fact]
    public async Task Two_processes_deliver_10000_reminders_exactly_once_and_after_a_SIGKILL_lose_none_and_duplicate_only_in_flight_sends()
    {
        await using var env = await Environment2.StartAsync(output);

        // Part 1: both processes alive.
        var ids = await env.AddDueRemindersAsync(ReminderCount, offsetFrom: 100);
        var clock = Stopwatch.StartNew();
        await env.WaitUntilSettledAsync(ids, DeliveryTimeout);
        output.WriteLine($"part 1: {ids.Count} reminders delivered in {clock.Elapsed.TotalSeconds:0.0} s ({ids.Count / clock.Elapsed.TotalSeconds:0} per second)");

        var received = env.ReceivedCounts(ids);
        var missing = ids.Where(id => !received.ContainsKey(id)).ToList();
        var twice = received.Where(kv => kv.Value > 1).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} reminders never reached the SMTP sink");
        Assert.True(twice.Count == 0, $"{twice.Count} reminders reached the SMTP sink more than once");
        Assert.Equal(ids.Count, env.TotalReceived());

        var rows = await env.RowsAsync(ids);
        Assert.All(rows, r => Assert.Equal(ReminderStatus.Sent, r.Status));
        Assert.All(rows, r => Assert.StartsWith($"reminder-{r.Id:N}@", r.ProviderMessageId, StringComparison.Ordinal));
        var byProcess = rows.GroupBy(r => r.ClaimedBy).ToDictionary(g => g.Key ?? "?", g => g.Count());
        output.WriteLine("part 1 sent by: " + string.Join(", ", byProcess.Select(kv => $"{kv.Key} {kv.Value}")));
        Assert.True(byProcess.GetValueOrDefault(env.A.Claimer) > 0, "process A delivered nothing: this would not test two processes");
        Assert.True(byProcess.GetValueOrDefault(env.B.Claimer) > 0, "process B delivered nothing: this would not test two processes");

        // Part 2: kill A in the middle, after a quarter has arrived and at a moment when A holds claimed rows.
        var more = await env.AddDueRemindersAsync(ReminderCount, offsetFrom: 100 + ReminderCount);
        clock.Restart();
        await env.WaitUntilAsync(async () => env.ReceivedCounts(more).Count >= ReminderCount / 4 && await env.SendingCountAsync(env.A.Claimer) > 0,
            TimeSpan.FromSeconds(120), "a quarter of the second 10,000 delivered while A holds a claim");
        env.A.KillHard();
        var atKill = env.ReceivedCounts(more).Count;
        var inFlight = await env.SendingIdsAsync(env.A.Claimer);
        output.WriteLine($"part 2: killed A (pid {env.A.Id}) after {clock.Elapsed.TotalSeconds:0.0} s with {atKill} delivered; A left {inFlight.Count} rows 'sending'");
        Assert.NotEmpty(inFlight);

        await env.WaitUntilSettledAsync(more, DeliveryTimeout);
        output.WriteLine($"part 2: all settled {clock.Elapsed.TotalSeconds:0.0} s after it started");

        var received2 = env.ReceivedCounts(more);
        var missing2 = more.Where(id => !received2.ContainsKey(id)).ToList();
        Assert.True(missing2.Count == 0, $"{missing2.Count} reminders never reached the SMTP sink");

        // SMTP has no idempotency key: a message the server accepted just before the kill, whose 'sent' A never recorded,
        // is sent again after reconciliation. Only a row A held can be duplicated, and at most one per delivery run A had
        // going (a run sends one message at a time), so at most one per Hangfire worker of A.
        var duplicated = received2.Where(kv => kv.Value > 1).Select(kv => kv.Key).ToList();
        output.WriteLine($"part 2: duplicates at the sink: {duplicated.Count} (bound: {WorkersPerProcess}, only among A's {inFlight.Count} in-flight rows)");
        Assert.All(duplicated, id => Assert.Contains(id, inFlight));
        Assert.True(duplicated.Count <= WorkersPerProcess, $"{duplicated.Count} duplicates, more than one per delivery run of the killed process");
        Assert.All(received2, kv => Assert.True(kv.Value <= 2, $"{kv.Key} arrived {kv.Value} times"));
        Assert.Equal(2 * ReminderCount + duplicated.Count, env.TotalReceived());

        var rows2 = await env.RowsAsync(more);
        Assert.All(rows2, r => Assert.Equal(ReminderStatus.Sent, r.Status));
        Assert.All(rows2.Where(r => inFlight.Contains(r.Id)), r => Assert.Equal(env.B.Claimer, r.ClaimedBy));
    }

    /// <summary>One database, one SMTP sink and two web processes (A and B) on them.</summary>
    private sealed partial class Environment2 : IAsyncDisposable
    {
        private readonly SmtpSink _sink;
        private readonly string _connectionString;
        private readonly ITestOutputHelper _output;
        private readonly List<WebProcess> _processes = [];

        private Environment2(SmtpSink sink, string connectionString, ITestOutputHelper output)
        {
            _sink = sink;
            _connectionString = connectionString;
            _output = output;
        }

        public WebProcess A => _processes[0];

        public WebProcess B => _processes[1];

        public static async Task<Environment2> StartAsync(ITestOutputHelper output)
        {
            var cluster = await SharedPostgres.GetAsync();
            var database = $"cc_two_{Guid.NewGuid():N}";
            await cluster.CreateDatabaseAsync(database);
            var env = new Environment2(new SmtpSink(), cluster.ConnectionString(database), output);
            try
            {
                var clock = Stopwatch.StartNew();
                // A first: it applies the migrations and seeds; B then finds both done.
                env._processes.Add(await WebProcess.StartAsync(env.Settings(), TimeSpan.FromSeconds(120)));
                env._processes.Add(await WebProcess.StartAsync(env.Settings(), TimeSpan.FromSeconds(120)));
                output.WriteLine($"two web processes ready in {clock.Elapsed.TotalSeconds:0.0} s (pids {env.A.Id}, {env.B.Id})");
            }
            catch
            {
                await env.DisposeAsync();
                throw;
            }

            return env;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var process in _processes)
            {
                if (!process.HasExited)
                {
                    _output.WriteLine($"--- last output of pid {process.Id} ---\n{process.OutputTail()}");
                }

                await process.DisposeAsync();
            }

            await _sink.DisposeAsync();
        }

        /// <summary>
        /// A case and a hearing made through the API of process A, then <paramref name="count"/> reminder rows for that
        /// hearing (one per offset, all due now) to the seeded attorney, inserted in one transaction.
        /// </summary>
        public async Task<HashSet<Guid>> AddDueRemindersAsync(int count, int offsetFrom)
        {
            using var http = A.CreateClient();
            http.WithBearer(await http.GetClientCredentialsTokenAsync());
            using var intake = await http.PostAsJsonAsync("/api/v1/intakes", new
            {
                person = new { givenNames = "Ana", familyNames = "Twoprocess", aliases = Array.Empty<string>(), aNumber = "A098765432" },
                relatedParties = Array.Empty<object>(),
                custody = "released",
                courtCode = "NYC",
                primaryLanguage = "spa",
                languages = new[] { new { code = "spa", speaks = true, reads = true } },
                interpreterNeeded = true,
                reliefSought = new[] { "asylum" },
            });
            Assert.Equal(HttpStatusCode.Created, intake.StatusCode);
            var caseId = Guid.Parse((await intake.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
            using var scheduled = await http.PostAsJsonAsync($"/api/v1/cases/{caseId}/hearings", new
            {
                type = "individual",
                localDateTime = DateTime.UtcNow.Date.AddDays(60).AddHours(9).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
                timeZone = "America/New_York",
                courtCode = "NYC",
                location = "26 Federal Plaza",
                appearance = "in_person",
                interpreterLanguage = "spa",
            });
            Assert.Equal(HttpStatusCode.Created, scheduled.StatusCode);
            var hearingId = Guid.Parse((await scheduled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);

            await using var db = NewContext();
            var hearing = await db.Set<Hearing>().AsNoTracking().SingleAsync(h => h.Id == hearingId);
            var attorney = await db.Set<ApplicationUser>().Where(u => u.Email == $"attorney@{Seeder.DemoEmailDomain}").Select(u => u.Id).SingleAsync();
            var now = DateTime.UtcNow;
            // Offsets from 100 up never collide with the hearing's own planned reminders (14, 7, 2, 1 days).
            var rows = Enumerable.Range(0, count).Select(i => Reminder.Plan(hearing.OrganisationId, caseId, ReminderTargetKind.Hearing, hearingId,
                $"hearing:{hearingId}:v{hearing.Version}", offsetFrom + i, RecipientKind.Attorney, attorney, ReminderChannel.Email, "eng",
                hearing.ScheduledAtUtc, null, null, now.AddSeconds(-1), now.AddMinutes(-1))).ToList();
            db.Set<Reminder>().AddRange(rows);
            await db.SaveChangesAsync();
            return [.. rows.Select(r => r.Id)];
        }

        /// <summary>Messages at the sink per reminder id of <paramref name="ids"/> (from the Message-ID <c>reminder-{id:N}@…</c>).</summary>
        public Dictionary<Guid, int> ReceivedCounts(HashSet<Guid> ids) =>
            _sink.Messages.Select(raw => MessageIdPattern().Match(raw))
                .Where(m => m.Success)
                .Select(m => Guid.ParseExact(m.Groups[1].Value, "N"))
                .Where(ids.Contains)
                .GroupBy(id => id)
                .ToDictionary(g => g.Key, g => g.Count());

        /// <summary>Every message the sink accepted, whatever it was.</summary>
        public int TotalReceived() => _sink.Messages.Count;

        public async Task<int> SendingCountAsync(string claimer)
        {
            await using var db = NewContext();
            return await db.Set<Reminder>().CountAsync(r => r.Status == ReminderStatus.Sending && r.ClaimedBy == claimer);
        }

        public async Task<HashSet<Guid>> SendingIdsAsync(string claimer)
        {
            await using var db = NewContext();
            return [.. await db.Set<Reminder>().Where(r => r.Status == ReminderStatus.Sending && r.ClaimedBy == claimer).Select(r => r.Id).ToListAsync()];
        }

        public async Task<List<Reminder>> RowsAsync(HashSet<Guid> ids)
        {
            await using var db = NewContext();
            var rows = await db.Set<Reminder>().AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync();
            Assert.Equal(ids.Count, rows.Count);
            return rows;
        }

        /// <summary>Until no row is pending or sending and the sink has a message for every id (then a short quiet time for late duplicates).</summary>
        public async Task WaitUntilSettledAsync(HashSet<Guid> ids, TimeSpan timeout)
        {
            await WaitUntilAsync(async () =>
            {
                await using var db = NewContext();
                var open = await db.Set<Reminder>().CountAsync(r => ids.Contains(r.Id) && (r.Status == ReminderStatus.Pending || r.Status == ReminderStatus.Sending));
                return open == 0 && ReceivedCounts(ids).Count >= ids.Count;
            }, timeout, "every reminder settled");
            await Task.Delay(TimeSpan.FromSeconds(3));
        }

        public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
        {
            var clock = Stopwatch.StartNew();
            while (!await condition())
            {
                if (clock.Elapsed > timeout)
                {
                    throw new TimeoutException($"Not reached within {timeout.TotalSeconds:0} s: {what}. The sink has {TotalReceived()} messages. "
                        + string.Join("\n", _processes.Select(p => $"--- pid {p.Id} ---\n{p.OutputTail()}")));
                }

                await Task.Delay(200);
            }
        }

        private AppDbContext NewContext()
        {
            var builder = new DbContextOptionsBuilder<AppDbContext>();
            builder.UseCounselConnectDatabase(DatabaseProvider.PostgreSql, _connectionString);
            return new AppDbContext(builder.Options);
        }

        private Dictionary<string, string> Settings() => new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Default"] = _connectionString,
            ["OpenIddict__EphemeralKeys"] = "true",
            ["Seed__Demo"] = "true",
            ["Seed__CliClientSecret"] = CounselConnectFactory.CliSecret,
            ["Seed__DemoPassword"] = CounselConnectFactory.DemoPassword,
            ["Hangfire__ServerEnabled"] = "true",
            ["Hangfire__WorkerCount"] = WorkersPerProcess.ToString(CultureInfo.InvariantCulture),
            ["Hangfire__QueuePollInterval"] = "00:00:01",
            ["Hangfire__SchedulePollingInterval"] = "00:00:01",
            // A run every 2 s that keeps claiming for up to 5 s: runs overlap, so both processes' workers deliver at once.
            ["Reminders__DeliveryCron"] = "*/2 * * * * *",
            ["Reminders__RunBudget"] = "00:00:05",
            ["Reminders__BatchSize"] = "50",
            ["Reminders__SendingTimeout"] = SendingTimeout.ToString(),
            ["Reminders__Channels__Smtp__Host"] = "127.0.0.1",
            ["Reminders__Channels__Smtp__Port"] = _sink.Port.ToString(CultureInfo.InvariantCulture),
            ["Reminders__Channels__Smtp__Security"] = "None",
            ["Reminders__Channels__Smtp__FromAddress"] = "reminders@example.test",
        };

        [GeneratedRegex(@"^Message-Id:\s*<reminder-([0-9a-f]{32})@", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
        private static partial Regex MessageIdPattern();
    }
}
