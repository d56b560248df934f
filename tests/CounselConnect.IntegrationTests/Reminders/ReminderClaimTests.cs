using CounselConnect.Application.Reminders;
using CounselConnect.Application.Reminders.Delivery;
using CounselConnect.Domain.Reminders;
using CounselConnect.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.IntegrationTests.Reminders;

/// <summary>Claiming, sending, retrying and reconciling reminder rows against a real database.</summary>
public abstract class ReminderClaimTests(ReminderDeliveryDatabase database)
{
    protected abstract int ConcurrentRows { get; }

    [Fact]
    public async Task Two_dispatchers_claiming_in_parallel_send_every_reminder_exactly_once()
    {
        var now = DateTime.UtcNow;
        var ids = await database.AddDueRemindersAsync(ConcurrentRows, now);
        var channel = new CountingChannel();

        async Task<int> LoopAsync(string claimer)
        {
            await using var db = database.NewContext();
            var dispatcher = ReminderDeliveryDatabase.Dispatcher(db, channel);
            var claimed = 0;
            while (true)
            {
                var batch = await dispatcher.ClaimAndSendBatchAsync(claimer, CancellationToken.None);
                if (batch.Claimed == 0)
                {
                    return claimed;
                }

                claimed += batch.Claimed;
            }
        }

        var results = await Task.WhenAll(Task.Run(() => LoopAsync("server-a")), Task.Run(() => LoopAsync("server-b")));

        Assert.Equal(ids.Count, results.Sum());
        Assert.Equal(ids.Count, channel.Deliveries.Count);
        Assert.All(ids, id => Assert.Equal(1, channel.Deliveries.GetValueOrDefault(id)));

        await using var check = database.NewContext();
        var rows = await check.Set<Reminder>().AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync();
        Assert.All(rows, r => Assert.Equal(ReminderStatus.Sent, r.Status));
        Assert.All(rows, r => Assert.Equal($"test-{r.Id:N}", r.ProviderMessageId));
        Assert.All(rows, r => Assert.NotNull(r.SentAtUtc));
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
        Assert.All(rows, r => Assert.Contains(r.ClaimedBy, new[] { "server-a", "server-b" }));
    }

    [Fact]
    public async Task A_server_that_read_the_same_due_ids_claims_none_of_the_rows_another_server_claimed_first()
    {
        var ids = await database.AddDueRemindersAsync(5, DateTime.UtcNow);
        await using var dbA = database.NewContext();
        await using var dbB = database.NewContext();
        var a = ReminderDeliveryDatabase.Dispatcher(dbA, new CountingChannel());
        var b = ReminderDeliveryDatabase.Dispatcher(dbB, new CountingChannel());

        // Both servers read the due ids before either updates (the race window), then A claims first.
        var readByA = (await a.ReadDueIdsAsync(CancellationToken.None)).Intersect(ids).ToList();
        var readByB = (await b.ReadDueIdsAsync(CancellationToken.None)).Intersect(ids).ToList();
        Assert.Equal(ids.Order(), readByA.Order());
        Assert.Equal(ids.Order(), readByB.Order());

        var claimedByA = await a.ClaimIdsAsync(readByA, "server-a", CancellationToken.None);
        var claimedByB = await b.ClaimIdsAsync(readByB, "server-b", CancellationToken.None);

        Assert.Equal(ids.Order(), claimedByA.Select(r => r.Id).Order());
        Assert.Empty(claimedByB);
        await using var check = database.NewContext();
        Assert.All(await check.Set<Reminder>().AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(),
            r => Assert.Equal(("server-a", ReminderStatus.Sending), (r.ClaimedBy, r.Status)));
    }

    [Fact]
    public async Task A_failing_send_is_retried_with_backoff_then_marked_failed_after_the_last_attempt()
    {
        var now = DateTime.UtcNow;
        var id = (await database.AddDueRemindersAsync(1, now)).Single();
        var channel = new CountingChannel(failFirstAttempts: 100);
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        var options = new ReminderOptions { MaxAttempts = 3, RetryBaseDelay = TimeSpan.FromMinutes(1) };

        await using var db = database.NewContext();
        var dispatcher = ReminderDeliveryDatabase.Dispatcher(db, channel, options, clock);
        var first = await dispatcher.ClaimAndSendBatchAsync("s", CancellationToken.None);
        Assert.Equal(1, first.Retried);
        var row = await db.Set<Reminder>().AsNoTracking().SingleAsync(r => r.Id == id);
        Assert.Equal(ReminderStatus.Pending, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Equal("test-refused", row.LastError);
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddMinutes(1), row.NextAttemptAtUtc, TimeSpan.FromSeconds(1));

        // Not due again before the backoff has passed.
        Assert.Equal(0, (await dispatcher.ClaimAndSendBatchAsync("s", CancellationToken.None)).Claimed);

        clock.Advance(TimeSpan.FromMinutes(1.5));
        Assert.Equal(1, (await dispatcher.ClaimAndSendBatchAsync("s", CancellationToken.None)).Retried);
        row = await db.Set<Reminder>().AsNoTracking().SingleAsync(r => r.Id == id);
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddMinutes(2), row.NextAttemptAtUtc, TimeSpan.FromSeconds(1));

        clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, (await dispatcher.ClaimAndSendBatchAsync("s", CancellationToken.None)).Failed);
        row = await db.Set<Reminder>().AsNoTracking().SingleAsync(r => r.Id == id);
        Assert.Equal(ReminderStatus.Failed, row.Status);
        Assert.Equal(3, row.Attempts);
        Assert.Equal(3, channel.Attempts[id]);
        Assert.Empty(channel.Deliveries);
    }

    [Fact]
    public async Task A_slow_server_renews_its_claim_so_another_server_never_reconciles_and_resends_its_batch()
    {
        var now = DateTime.UtcNow;
        var ids = await database.AddDueRemindersAsync(6, now);
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        var options = new ReminderOptions { BatchSize = 25, SendingTimeout = TimeSpan.FromMinutes(10) };
        var delivered = new CountingChannel();
        await using var dbOther = database.NewContext();
        var other = ReminderDeliveryDatabase.Dispatcher(dbOther, delivered, options, clock);

        // Each send takes four minutes, and the other server runs (reconcile, claim, send) after each of them: without
        // renewal, the slow server's last rows would be older than the timeout and sent by both servers.
        var slowChannel = new SlowChannel(delivered, clock, TimeSpan.FromMinutes(4), () => other.RunAsync("other", CancellationToken.None));
        await using var db = database.NewContext();
        var slow = ReminderDeliveryDatabase.Dispatcher(db, slowChannel, options, clock);
        var result = await slow.ClaimAndSendBatchAsync("slow", CancellationToken.None);

        Assert.True(result.Claimed >= 6);
        Assert.All(ids, id => Assert.Equal(1, delivered.Deliveries.GetValueOrDefault(id)));
        var rows = await db.Set<Reminder>().AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync();
        Assert.All(rows, r => Assert.Equal(ReminderStatus.Sent, r.Status));
    }

    /// <summary>Sends through <paramref name="inner"/>, then lets <paramref name="elapse"/> pass and runs <paramref name="meanwhile"/>.</summary>
    private sealed class SlowChannel(CountingChannel inner, MovableClock clock, TimeSpan elapse, Func<Task> meanwhile) : INotificationChannel
    {
        public ReminderChannel Channel => inner.Channel;

        public async Task<DeliveryReceipt> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
        {
            var receipt = await inner.SendAsync(message, cancellationToken);
            clock.Advance(elapse);
            await meanwhile();
            return receipt;
        }
    }

    [Fact]
    public async Task A_row_left_sending_by_a_crashed_server_is_reconciled_and_sent_once()
    {
        var now = DateTime.UtcNow;
        var ids = await database.AddDueRemindersAsync(3, now);
        var channel = new CountingChannel();
        await using var db = database.NewContext();

        // A server claims the rows and dies before sending.
        var crashed = ReminderDeliveryDatabase.Dispatcher(db, channel);
        var claimed = await crashed.ClaimAsync("crashed", CancellationToken.None);
        var mine = claimed.Where(r => ids.Contains(r.Id)).Select(r => r.Id).ToList();
        Assert.Equal(3, mine.Count);

        // Before the timeout nobody else may take them.
        var other = ReminderDeliveryDatabase.Dispatcher(db, channel);
        Assert.Equal(0, await other.ReconcileAsync(CancellationToken.None));

        // After the timeout they go back to pending and are sent exactly once.
        var later = new MovableClock(DateTimeOffset.UtcNow.AddMinutes(11));
        var survivor = ReminderDeliveryDatabase.Dispatcher(db, channel, clock: later);
        var result = await survivor.RunAsync("survivor", CancellationToken.None);
        Assert.True(result.Reconciled >= 3);
        Assert.All(mine, id => Assert.Equal(1, channel.Deliveries.GetValueOrDefault(id)));
        var rows = await db.Set<Reminder>().AsNoTracking().Where(r => mine.Contains(r.Id)).ToListAsync();
        Assert.All(rows, r => Assert.Equal(ReminderStatus.Sent, r.Status));
        Assert.All(rows, r => Assert.Equal("survivor", r.ClaimedBy));
    }

    [Fact]
    public async Task Unique_index_refuses_a_second_row_for_the_same_target_offset_recipient_and_channel()
    {
        await using var db = database.NewContext();
        var recipient = Guid.NewGuid();
        var now = DateTime.UtcNow;
        Reminder Row() => Reminder.Plan(Guid.NewGuid(), Guid.NewGuid(), ReminderTargetKind.Hearing, Guid.NewGuid(), $"hearing:{recipient}:v1", 7,
            RecipientKind.Client, recipient, ReminderChannel.Sms, "spa", now.AddDays(8), null, null, now.AddDays(1), now);
        db.Set<Reminder>().Add(Row());
        await db.SaveChangesAsync();
        db.Set<Reminder>().Add(Row());
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}

/// <summary>A clock the test moves.</summary>
public sealed class MovableClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

public sealed class PostgresReminderDatabase() : ReminderDeliveryDatabase(DatabaseProvider.PostgreSql);

public sealed class SqliteReminderDatabase() : ReminderDeliveryDatabase(DatabaseProvider.Sqlite);

public sealed class PostgresReminderClaimTests(PostgresReminderDatabase database) : ReminderClaimTests(database), IClassFixture<PostgresReminderDatabase>
{
    protected override int ConcurrentRows => 2000;
}

public sealed class SqliteReminderClaimTests(SqliteReminderDatabase database) : ReminderClaimTests(database), IClassFixture<SqliteReminderDatabase>
{
    protected override int ConcurrentRows => 300;
}
