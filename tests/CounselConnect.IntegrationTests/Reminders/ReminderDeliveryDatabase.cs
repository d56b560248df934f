using System.Collections.Concurrent;
using CounselConnect.Application.Reminders;
using CounselConnect.Application.Reminders.Delivery;
using CounselConnect.Domain.Reminders;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CounselConnect.IntegrationTests.Reminders;

/// <summary>
/// A database of its own on the shared throwaway PostgreSQL server (or a SQLite file), with no web host and so no
/// Hangfire job that could deliver the rows the test puts there: the test's dispatchers are the only senders.
/// </summary>
public abstract class ReminderDeliveryDatabase(DatabaseProvider provider) : IAsyncLifetime
{
    private string? _connectionString;
    private readonly string _sqlitePath = Path.Combine(Path.GetTempPath(), $"cc-reminders-{Guid.NewGuid():N}.db");

    public async Task InitializeAsync()
    {
        if (provider == DatabaseProvider.PostgreSql)
        {
            var cluster = await SharedPostgres.GetAsync();
            var name = $"cc_rem_{Guid.NewGuid():N}";
            await cluster.CreateDatabaseAsync(name);
            _connectionString = cluster.ConnectionString(name);
        }
        else
        {
            _connectionString = $"Data Source={_sqlitePath};Pooling=False;Default Timeout=30";
        }

        await using var db = NewContext();
        await db.Database.EnsureCreatedAsync();
    }

    public Task DisposeAsync()
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(_sqlitePath + suffix);
            }
        }

        return Task.CompletedTask;
    }

    public AppDbContext NewContext()
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        builder.UseCounselConnectDatabase(provider, _connectionString ?? throw new InvalidOperationException("Not initialised."));
        return new AppDbContext(builder.Options);
    }

    /// <summary>Inserts <paramref name="count"/> reminders due now, each for a different recipient; returns their ids.</summary>
    public async Task<IReadOnlyList<Guid>> AddDueRemindersAsync(int count, DateTime now)
    {
        await using var db = NewContext();
        var caseId = Guid.NewGuid();
        var rows = Enumerable.Range(0, count).Select(i => Reminder.Plan(Guid.NewGuid(), caseId, ReminderTargetKind.Hearing, Guid.NewGuid(),
            $"hearing:{caseId}:v1", 1, RecipientKind.Attorney, Guid.NewGuid(), ReminderChannel.Email, "eng", now.AddDays(1), null, null,
            now.AddSeconds(-1 - (i % 60)), now.AddDays(-2))).ToList();
        db.Set<Reminder>().AddRange(rows);
        await db.SaveChangesAsync();
        return [.. rows.Select(r => r.Id)];
    }

    public static ReminderDispatcher Dispatcher(AppDbContext db, INotificationChannel channel, ReminderOptions? options = null, TimeProvider? clock = null) =>
        new(db, new FixedComposer(), [channel], clock ?? TimeProvider.System, Options.Create(options ?? new ReminderOptions { BatchSize = 25 }),
            NullLogger<ReminderDispatcher>.Instance);

    /// <summary>A message per row with no lookups (the rows have no real case or recipient).</summary>
    private sealed class FixedComposer : IReminderMessageComposer
    {
        public Task<IReadOnlyDictionary<Guid, ComposedReminder>> ComposeAsync(IReadOnlyList<Reminder> reminders, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<Guid, ComposedReminder>>(reminders.ToDictionary(r => r.Id,
                r => new ComposedReminder(new OutgoingMessage(r.Id, r.Channel, "attorney@example.test", "Reminder", "Body", "eng"))));
    }
}

/// <summary>Counts deliveries per idempotency key; can fail the first N attempts of every message.</summary>
public sealed class CountingChannel(int failFirstAttempts = 0, bool permanentFailure = false) : INotificationChannel
{
    public ConcurrentDictionary<Guid, int> Deliveries { get; } = new();

    public ConcurrentDictionary<Guid, int> Attempts { get; } = new();

    public ReminderChannel Channel => ReminderChannel.Email;

    public async Task<DeliveryReceipt> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var attempt = Attempts.AddOrUpdate(message.IdempotencyKey, 1, (_, n) => n + 1);
        if (attempt <= failFirstAttempts)
        {
            throw new NotificationDeliveryException("test-refused", permanentFailure);
        }

        await Task.Yield();
        Deliveries.AddOrUpdate(message.IdempotencyKey, 1, (_, n) => n + 1);
        return new DeliveryReceipt($"test-{message.IdempotencyKey:N}");
    }
}
