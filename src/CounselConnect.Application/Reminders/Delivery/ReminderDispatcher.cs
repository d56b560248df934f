using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CounselConnect.Application.Reminders.Delivery;

/// <summary>What one delivery run did.</summary>
public sealed record DispatchResult(int Reconciled, int Claimed, int Sent, int Retried, int Failed, int Cancelled);

/// <summary>
/// Delivers due reminders, exactly once in effect across any number of servers:
/// <list type="number">
/// <item>Reconcile: rows left 'sending' longer than the timeout (a crashed server) go back to 'pending'.</item>
/// <item>Claim: read the ids of due pending rows, then <c>UPDATE … SET status='sending', claimed_by, claimed_at, claim_token
/// WHERE id IN (…) AND status='pending'</c>. The status precondition is re-checked by the database under the row lock, so
/// of two servers racing for a row exactly one update matches it; each reads back only the rows carrying its own token.</item>
/// <item>Send each with the row id as the idempotency key; record the provider's message id and the time, or count the
/// attempt and back off exponentially, failing the row after the last attempt. Every finishing update requires the
/// claim token, so a row reclaimed after a timeout is finished by one server only.</item>
/// <item>Renew: a batch that has been sending for half the timeout (a slow provider, an overloaded server) renews the claim
/// of its rows not yet sent, and skips any row whose claim it lost, so a live server's rows are never reconciled and sent
/// twice by another server while it works through them.</item>
/// </list>
/// </summary>
public sealed class ReminderDispatcher(
    IApplicationDbContext db,
    IReminderMessageComposer composer,
    IEnumerable<INotificationChannel> channels,
    TimeProvider clock,
    IOptions<ReminderOptions> options,
    ILogger<ReminderDispatcher> logger)
{
    private readonly ReminderOptions _options = options.Value;
    private readonly Dictionary<ReminderChannel, INotificationChannel> _channels = channels.GroupBy(c => c.Channel).ToDictionary(g => g.Key, g => g.Last());

    /// <summary>Reconciles, then claims and sends batches until nothing is due or the run budget is spent.</summary>
    public async Task<DispatchResult> RunAsync(string claimer, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var reconciled = await ReconcileAsync(cancellationToken);
        var total = new DispatchResult(reconciled, 0, 0, 0, 0, 0);
        while (!cancellationToken.IsCancellationRequested && clock.GetElapsedTime(started) < _options.RunBudget)
        {
            var batch = await ClaimAndSendBatchAsync(claimer, cancellationToken);
            total = total with
            {
                Claimed = total.Claimed + batch.Claimed,
                Sent = total.Sent + batch.Sent,
                Retried = total.Retried + batch.Retried,
                Failed = total.Failed + batch.Failed,
                Cancelled = total.Cancelled + batch.Cancelled,
            };
            if (batch.Claimed == 0)
            {
                break;
            }
        }

        return total;
    }

    /// <summary>Puts rows stuck in 'sending' (claimed before now − timeout) back to 'pending'.</summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now - _options.SendingTimeout;
        var count = await db.Set<Reminder>().Where(r => r.Status == ReminderStatus.Sending && r.ClaimedAtUtc < cutoff)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReminderStatus.Pending)
                .SetProperty(r => r.NextAttemptAtUtc, now)
                .SetProperty(r => r.ClaimToken, (Guid?)null)
                .SetProperty(r => r.LastError, "reconciled-after-timeout"), cancellationToken);
        if (count > 0)
        {
            logger.LogWarning("Reconciled {Count} reminders left sending past the timeout", count);
        }

        return count;
    }

    /// <summary>Claims up to one batch of due rows atomically; returns them (only the rows this call claimed).</summary>
    public async Task<IReadOnlyList<Reminder>> ClaimAsync(string claimer, CancellationToken cancellationToken)
    {
        // Another server may take every row we read between our read and our update; read again then (a few times).
        for (var round = 0; round < 3; round++)
        {
            var due = await ReadDueIdsAsync(cancellationToken);
            if (due.Count == 0)
            {
                return [];
            }

            var claimed = await ClaimIdsAsync(due, claimer, cancellationToken);
            if (claimed.Count > 0)
            {
                return claimed;
            }
        }

        return [];
    }

    /// <summary>Step 1 of a claim: the ids of up to one batch of due pending rows (a plain read: others may take them meanwhile).</summary>
    public async Task<IReadOnlyList<Guid>> ReadDueIdsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Set<Reminder>().AsNoTracking()
            .Where(r => r.Status == ReminderStatus.Pending && r.NextAttemptAtUtc <= now)
            .OrderBy(r => r.NextAttemptAtUtc)
            .Select(r => r.Id)
            .Take(_options.BatchSize)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Step 2: <c>UPDATE … SET status='sending', claimed_by, claimed_at, claim_token WHERE id IN (ids) AND status='pending'</c>,
    /// then the rows carrying this claim's token. Rows another server claimed first are not matched.
    /// </summary>
    public async Task<IReadOnlyList<Reminder>> ClaimIdsAsync(IReadOnlyList<Guid> ids, string claimer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var token = Guid.NewGuid();
        var list = ids.ToList();
        var claimed = await db.Set<Reminder>().Where(r => list.Contains(r.Id) && r.Status == ReminderStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReminderStatus.Sending)
                .SetProperty(r => r.ClaimedBy, claimer)
                .SetProperty(r => r.ClaimedAtUtc, now)
                .SetProperty(r => r.ClaimToken, token), cancellationToken);
        return claimed == 0 ? [] : await db.Set<Reminder>().AsNoTracking().Where(r => list.Contains(r.Id) && r.ClaimToken == token).ToListAsync(cancellationToken);
    }

    public async Task<DispatchResult> ClaimAndSendBatchAsync(string claimer, CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(claimer, cancellationToken);
        if (claimed.Count == 0)
        {
            return new DispatchResult(0, 0, 0, 0, 0, 0);
        }

        IReadOnlyDictionary<Guid, ComposedReminder>? composed = null;
        Exception? composeError = null;
        try
        {
            composed = await composer.ComposeAsync(claimed, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The batch's look-ups failed (e.g. the database went away): every row counts one failed attempt.
            composeError = ex;
        }

        int sent = 0, retried = 0, failed = 0, cancelled = 0;
        // Wall-clock time, as the claim times the reconciliation compares are.
        var renewedAt = clock.GetUtcNow();
        HashSet<Guid>? stillMine = null;
        for (var i = 0; i < claimed.Count; i++)
        {
            var reminder = claimed[i];
            if (clock.GetUtcNow() - renewedAt >= _options.SendingTimeout / 2)
            {
                renewedAt = clock.GetUtcNow();
                stillMine = await RenewAsync(claimed.Skip(i).ToList(), cancellationToken);
            }

            if (stillMine is not null && !stillMine.Contains(reminder.Id))
            {
                logger.LogWarning("Reminder {ReminderId} was not sent by this server: its claim was reconciled before its turn", reminder.Id);
                continue;
            }

            switch (await SendOneAsync(reminder, composed?.GetValueOrDefault(reminder.Id), composeError, cancellationToken))
            {
                case ReminderStatus.Sent: sent++; break;
                case ReminderStatus.Pending: retried++; break;
                case ReminderStatus.Failed: failed++; break;
                default: cancelled++; break;
            }
        }

        return new DispatchResult(0, claimed.Count, sent, retried, failed, cancelled);
    }

    /// <summary>Moves the claim time of the batch's unsent rows to now; returns those still claimed by this batch.</summary>
    private async Task<HashSet<Guid>> RenewAsync(List<Reminder> unsent, CancellationToken cancellationToken)
    {
        var token = unsent[0].ClaimToken;
        var ids = unsent.Select(r => r.Id).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var mine = db.Set<Reminder>().Where(r => ids.Contains(r.Id) && r.Status == ReminderStatus.Sending && r.ClaimToken == token);
        await mine.ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedAtUtc, now), cancellationToken);
        return [.. await mine.Select(r => r.Id).ToListAsync(cancellationToken)];
    }

    private async Task<ReminderStatus> SendOneAsync(Reminder reminder, ComposedReminder? composed, Exception? composeError,
        CancellationToken cancellationToken)
    {
        var id = reminder.Id;
        var token = reminder.ClaimToken;
        var mine = db.Set<Reminder>().Where(r => r.Id == id && r.Status == ReminderStatus.Sending && r.ClaimToken == token);
        try
        {
            if (composeError is not null)
            {
                throw new NotificationDeliveryException("compose-" + composeError.GetType().Name, permanent: false, composeError);
            }

            if (composed?.PermanentError is { } permanentError)
            {
                throw new NotificationDeliveryException(permanentError, permanent: true);
            }

            var message = composed?.Message;
            if (message is null)
            {
                var when = clock.GetUtcNow().UtcDateTime;
                await mine.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReminderStatus.Cancelled).SetProperty(r => r.CancelledAtUtc, when)
                    .SetProperty(r => r.LastError, "stale-at-send"), cancellationToken);
                return ReminderStatus.Cancelled;
            }

            if (!_channels.TryGetValue(reminder.Channel, out var channel))
            {
                throw new NotificationDeliveryException("channel-not-configured", permanent: false);
            }

            var receipt = await channel.SendAsync(message, cancellationToken);
            var sentAt = clock.GetUtcNow().UtcDateTime;
            var providerId = receipt.ProviderMessageId.Length > 200 ? receipt.ProviderMessageId[..200] : receipt.ProviderMessageId;
            var updated = await mine.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReminderStatus.Sent)
                .SetProperty(r => r.SentAtUtc, sentAt)
                .SetProperty(r => r.ProviderMessageId, providerId)
                .SetProperty(r => r.Attempts, reminder.Attempts + 1)
                .SetProperty(r => r.LastError, (string?)null), cancellationToken);
            if (updated == 0)
            {
                logger.LogWarning("Reminder {ReminderId} was sent but its claim had been reconciled meanwhile", id);
            }

            return ReminderStatus.Sent;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var attempts = reminder.Attempts + 1;
            var permanent = ex is NotificationDeliveryException { Permanent: true };
            var error = ex is NotificationDeliveryException nde ? nde.Code : ex.GetType().Name;
            var now = clock.GetUtcNow().UtcDateTime;
            if (permanent || attempts >= _options.MaxAttempts)
            {
                await mine.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReminderStatus.Failed)
                    .SetProperty(r => r.Attempts, attempts).SetProperty(r => r.LastError, error), CancellationToken.None);
                logger.LogError("Reminder {ReminderId} failed after {Attempts} attempts: {Error}", id, attempts, error);
                return ReminderStatus.Failed;
            }

            var next = now + Reminder.Backoff(attempts, _options.RetryBaseDelay, _options.RetryMaxDelay);
            await mine.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReminderStatus.Pending)
                .SetProperty(r => r.Attempts, attempts)
                .SetProperty(r => r.NextAttemptAtUtc, next)
                .SetProperty(r => r.ClaimToken, (Guid?)null)
                .SetProperty(r => r.LastError, error), CancellationToken.None);
            logger.LogWarning("Reminder {ReminderId} attempt {Attempts} failed ({Error}); next attempt at {NextAttempt:o}", id, attempts, error, next);
            return ReminderStatus.Pending;
        }
    }
}
