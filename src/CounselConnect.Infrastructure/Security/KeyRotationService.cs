using System.Security.Cryptography;
using CounselConnect.Application.Administration.Keys;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Common;
using CounselConnect.Infrastructure.Persistence;
using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CounselConnect.Infrastructure.Security;

/// <summary>
/// Master-key rotation. Each batch, in one transaction, re-wraps up to <see cref="BatchSize"/> data keys still under
/// an old master key with the current one: a conditional UPDATE (the row still names the old master key and is not
/// destroyed), so several servers may run it at once, a crash loses at most the open batch, and a key destroyed
/// meanwhile by the retention purge stays destroyed. The data keys themselves, and so every ciphertext, and the
/// hashing secrets in <c>KeyMaterial</c>, and so every blind index and audit hash, do not change.
/// </summary>
public sealed class KeyRotationService(AppDbContext db, KeyRing keyRing, IBackgroundJobClient jobs, IAuditTrail audit, TimeProvider clock,
    ILogger<KeyRotationService> logger) : IKeyRotation
{
    public const int BatchSize = 500;

    /// <summary>A running rotation with no progress for this long may be replaced by a new one (its job died for good).</summary>
    public static readonly TimeSpan StalledAfter = TimeSpan.FromMinutes(10);

    public async Task<KeyStatusDto> StatusAsync(CancellationToken ct)
    {
        // The rotations first: a rotation seen completed here has finished before the counts below are taken.
        var rotations = db.Set<KeyRotation>().AsNoTracking();
        var latest = await rotations.OrderByDescending(r => r.RequestedAtUtc).FirstOrDefaultAsync(ct);
        var running = latest is { IsRunning: true }
            ? latest
            : await rotations.Where(r => r.CompletedAtUtc == null && r.FailedAtUtc == null).OrderByDescending(r => r.RequestedAtUtc).FirstOrDefaultAsync(ct);
        var lastCompleted = await rotations.Where(r => r.CompletedAtUtc != null).OrderByDescending(r => r.CompletedAtUtc)
            .Select(r => r.CompletedAtUtc).FirstOrDefaultAsync(ct);
        var dataKeys = await db.Set<DataKey>().AsNoTracking().Where(k => k.DestroyedAtUtc == null)
            .GroupBy(k => k.MasterKeyId).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var material = await db.Set<KeyMaterial>().AsNoTracking()
            .GroupBy(k => k.MasterKeyId).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var destroyed = await db.Set<DataKey>().AsNoTracking().LongCountAsync(k => k.DestroyedAtUtc != null, ct);
        var current = keyRing.MasterKeyId;
        var ids = keyRing.ConfiguredMasterKeyIds.Union(dataKeys.Select(d => d.Key)).Union(material.Select(m => m.Key)).Distinct(StringComparer.Ordinal)
            .OrderBy(id => id == current ? 0 : 1).ThenBy(id => id, StringComparer.Ordinal).ToList();
        var usage = ids.Select(id => new MasterKeyUsageDto(id, id == current, keyRing.IsConfigured(id),
            dataKeys.Where(d => d.Key == id).Sum(d => d.Count), material.Where(m => m.Key == id).Sum(m => m.Count))).ToList();

        return new KeyStatusDto(current, usage, destroyed, usage.Where(u => !u.Current).Sum(u => u.DataKeys + u.KeyMaterial),
            running is null ? null : Dto(running), latest is null ? null : Dto(latest), lastCompleted);
    }

    public async Task<KeyRotationDto?> FindAsync(Guid rotationId, CancellationToken ct) =>
        await db.Set<KeyRotation>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == rotationId, ct) is { } rotation ? Dto(rotation) : null;

    public async Task<KeyRotationDto> PrepareAsync(string requestedBy, CancellationToken ct)
    {
        var status = await StatusAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (status.Running is { } running)
        {
            var stalled = await db.Set<KeyRotation>().AsNoTracking()
                .AnyAsync(r => r.Id == running.Id && r.LastProgressAtUtc < now - StalledAfter, ct);
            if (!stalled)
            {
                throw new BusinessRuleException("KeyRotationRunning", "A key rotation is already running; its progress is shown at GET /api/v1/admin/keys.");
            }

            await db.Set<KeyRotation>().Where(r => r.Id == running.Id && r.CompletedAtUtc == null && r.FailedAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.FailedAtUtc, now)
                    .SetProperty(r => r.FailureReason, "It stopped making progress; a new rotation was started."), ct);
        }

        if (status.KeysToRotate == 0)
        {
            throw new BusinessRuleException("NothingToRotate",
                $"Every key is already under the current master key '{status.CurrentMasterKeyId}': there is nothing to rotate.");
        }

        var unknown = status.MasterKeys.Where(u => !u.Configured && u.DataKeys + u.KeyMaterial > 0).Select(u => u.MasterKeyId).ToList();
        if (unknown.Count > 0)
        {
            throw new BusinessRuleException("MasterKeyMissing", MasterKeySet.NotConfigured(unknown));
        }

        var rotation = new KeyRotation(Guid.CreateVersion7(), status.CurrentMasterKeyId, requestedBy, status.KeysToRotate, now);
        db.Set<KeyRotation>().Add(rotation);
        return Dto(rotation);
    }

    public void Enqueue(Guid rotationId) => jobs.Enqueue<KeyRotationJob>(job => job.RunAsync(rotationId, CancellationToken.None));

    public async Task RunAsync(Guid rotationId, CancellationToken ct)
    {
        var rotation = await db.Set<KeyRotation>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == rotationId, ct);
        if (rotation is not { IsRunning: true })
        {
            return;
        }

        var target = rotation.TargetMasterKeyId;
        if (target != keyRing.MasterKeyId)
        {
            // Retried by Hangfire, perhaps on a server configured like the one that started it.
            throw new InvalidOperationException(
                $"This server's current master key is '{keyRing.MasterKeyId}', but rotation {rotationId} moves keys to '{target}': configure the same current master key on every server.");
        }

        try
        {
            await RewrapKeyMaterialAsync(rotationId, target, ct);
            var oldIds = await db.Set<DataKey>().AsNoTracking().Where(k => k.MasterKeyId != target).Select(k => k.MasterKeyId).Distinct().ToListAsync(ct);
            foreach (var old in oldIds)
            {
                await RelabelDestroyedAsync(old, target, ct);
                var batches = 0;
                while (await RewrapBatchAsync(rotationId, old, target, ct) > 0)
                {
                    batches++;
                }

                await RelabelDestroyedAsync(old, target, ct);
                logger.LogInformation("Key rotation {RotationId}: data keys under master key {MasterKeyId} re-wrapped in {Batches} batches", rotationId, old, batches);
            }
        }
        catch (CryptographicException ex)
        {
            await FailAsync(rotationId, "A key could not be unwrapped with the master key its row names: " + ex.Message, ct);
            return;
        }

        var remaining = await db.Set<DataKey>().AsNoTracking().AnyAsync(k => k.MasterKeyId != target && k.DestroyedAtUtc == null, ct)
            || await db.Set<KeyMaterial>().AsNoTracking().AnyAsync(k => k.MasterKeyId != target, ct);
        if (remaining)
        {
            // Keys written under an old master key meanwhile (a server not yet reconfigured): the retry takes them.
            throw new InvalidOperationException($"Key rotation {rotationId}: keys under an old master key remain; retrying.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var completed = await db.Set<KeyRotation>().Where(r => r.Id == rotationId && r.CompletedAtUtc == null && r.FailedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CompletedAtUtc, now).SetProperty(r => r.LastProgressAtUtc, now), ct);
        if (completed == 1)
        {
            audit.Record("keys.rotation.complete", "KeyRotation", rotationId, "keys");
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Key rotation {RotationId} completed: every key is under master key {MasterKeyId}", rotationId, target);
        }
    }

    private Task RewrapKeyMaterialAsync(Guid rotationId, string target, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(ct, async attemptCt =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(attemptCt);
            var rows = await db.Set<KeyMaterial>().AsNoTracking().Where(k => k.MasterKeyId != target).ToListAsync(attemptCt);
            var done = 0;
            foreach (var row in rows)
            {
                var rewrapped = keyRing.Rewrap(row.Id, row.WrappedValue, row.MasterKeyId);
                done += await db.Set<KeyMaterial>().Where(k => k.Id == row.Id && k.MasterKeyId == row.MasterKeyId)
                    .ExecuteUpdateAsync(s => s.SetProperty(k => k.WrappedValue, rewrapped).SetProperty(k => k.MasterKeyId, target), attemptCt);
            }

            await ProgressAsync(rotationId, done, attemptCt);
            await transaction.CommitAsync(attemptCt);
        });

    /// <summary>One batch in one transaction; returns how many keys it found still under <paramref name="old"/>.</summary>
    private Task<int> RewrapBatchAsync(Guid rotationId, string old, string target, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(ct, async attemptCt =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(attemptCt);
            var rows = await db.Set<DataKey>().AsNoTracking()
                .Where(k => k.MasterKeyId == old && k.DestroyedAtUtc == null)
                .OrderBy(k => k.Id).Take(BatchSize)
                .Select(k => new { k.Id, k.WrappedKey })
                .ToListAsync(attemptCt);
            var done = 0;
            foreach (var row in rows)
            {
                var rewrapped = keyRing.Rewrap(row.Id, row.WrappedKey, old);
                done += await db.Set<DataKey>().Where(k => k.Id == row.Id && k.MasterKeyId == old && k.DestroyedAtUtc == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(k => k.WrappedKey, rewrapped).SetProperty(k => k.MasterKeyId, target), attemptCt);
            }

            await ProgressAsync(rotationId, done, attemptCt);
            await transaction.CommitAsync(attemptCt);
            return rows.Count;
        });

    /// <summary>
    /// Destroyed keys hold no key any more (their wrapped bytes are erased): only the label moves, so no old master
    /// key is left "in use" by them. Nothing is wrapped, so they stay destroyed.
    /// </summary>
    private Task<int> RelabelDestroyedAsync(string old, string target, CancellationToken ct) =>
        db.Set<DataKey>().Where(k => k.MasterKeyId == old && k.DestroyedAtUtc != null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.MasterKeyId, target), ct);

    private Task<int> ProgressAsync(Guid rotationId, int done, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Set<KeyRotation>().Where(r => r.Id == rotationId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Done, r => r.Done + done).SetProperty(r => r.LastProgressAtUtc, now), ct);
    }

    private async Task FailAsync(Guid rotationId, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        reason = reason.Length > KeyRotation.FailureReasonMaxLength ? reason[..KeyRotation.FailureReasonMaxLength] : reason;
        await db.Set<KeyRotation>().Where(r => r.Id == rotationId && r.CompletedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.FailedAtUtc, now).SetProperty(r => r.FailureReason, reason), ct);
        audit.Record("keys.rotation.fail", "KeyRotation", rotationId, "keys");
        await db.SaveChangesAsync(ct);
        logger.LogError("Key rotation {RotationId} failed", rotationId);
    }

    private static KeyRotationDto Dto(KeyRotation r) => new(r.Id, r.TargetMasterKeyId,
        r.CompletedAtUtc is not null ? "completed" : r.FailedAtUtc is not null ? "failed" : "running",
        r.Total, r.Done, r.CompletedAtUtc is not null ? 100 : r.Total == 0 ? 0 : Math.Min(100, Math.Round(100.0 * r.Done / r.Total, 1)),
        r.RequestedAtUtc, r.CompletedAtUtc, r.FailedAtUtc, r.FailureReason);
}

/// <summary>Runs one master-key rotation; the job carries the rotation id only, and its body sends one command.</summary>
public sealed class KeyRotationJob(ISender sender)
{
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [10, 30, 60, 300, 600])]
    public async Task RunAsync(Guid rotationId, CancellationToken cancellationToken) =>
        await sender.Send(new RunKeyRotationCommand(rotationId), cancellationToken);
}
