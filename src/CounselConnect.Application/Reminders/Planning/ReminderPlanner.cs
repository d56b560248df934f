using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.Hearings;
using CounselConnect.Domain.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CounselConnect.Application.Reminders;

/// <summary>
/// Brings a case's reminder rows in line with its plan (<see cref="Planning.ReminderPlan"/>): adds missing rows,
/// cancels pending rows that are no longer wanted (a reschedule changes the target key, so every old row goes),
/// revives cancelled rows wanted again, and moves pending rows whose send time changed. Idempotent. Every status
/// change is a set-based update with a status precondition, so a row a dispatcher has claimed is never touched.
/// New rows are written only when due within <see cref="ReminderOptions.MaterialiseHorizon"/>; the case's
/// <see cref="CaseReminderPlan"/> stamp records when the next one is due, for the materialisation job.
/// </summary>
public sealed class ReminderPlanner(IApplicationDbContext db, IReminderRecipientDirectory directory, TimeProvider clock, IOptions<ReminderOptions> options)
{
    public async Task ReplanCaseAsync(Guid caseId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ReplanSerialisedAsync(caseId, cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another replan of the same case (a concurrent request or job) inserted the same rows first and the
                // unique index refused ours: read the rows again and apply the plan again.
            }
        }
    }

    /// <summary>
    /// One replan of a case at a time, across servers: the replan first takes the case's plan stamp row (an update that
    /// changes nothing) in a transaction, before it reads anything. A replan that started earlier (a background job
    /// that read the hearing before a reschedule was saved) therefore finishes before this one reads, and this one
    /// decides on what that one left and on the hearing as it is now. Without it, the older replan could write after
    /// the newer one and revive the reminders the newer one had cancelled: reminders of a hearing's old time.
    /// </summary>
    private async Task ReplanSerialisedAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var database = db.Context.Database;
        if (database.CurrentTransaction is not null)
        {
            await LockedReplanAsync(cancellationToken);
            return;
        }

        await database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await database.BeginTransactionAsync(ct);
            await LockedReplanAsync(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);

        async Task LockedReplanAsync(CancellationToken ct)
        {
            await LockPlanAsync(caseId, ct);
            await ReplanOnceAsync(caseId, ct);
        }
    }

    /// <summary>Locks the case's plan stamp until the transaction ends (no stamp yet: nothing to lock, and the first
    /// replans of a case meet at the stamp's unique key instead, see <see cref="StampPlanAsync"/>).</summary>
    private Task<int> LockPlanAsync(Guid caseId, CancellationToken ct) =>
        db.Set<CaseReminderPlan>().Where(p => p.CaseId == caseId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.Version), ct);

    private async Task ReplanOnceAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var @case = await db.Set<Case>().AsNoTracking().FirstAsync(c => c.Id == caseId, cancellationToken);
        var input = await LoadInputAsync(@case, now, cancellationToken);
        var (hearings, judgeSet) = (input.Hearings, input.JudgeSetDeadlines);
        var desired = Planning.ReminderPlan.Build(input);
        var existing = await db.Set<Reminder>().AsNoTracking().Where(r => r.CaseId == caseId).ToListAsync(cancellationToken);
        var until = now + options.Value.MaterialiseHorizon;
        await ApplyAsync(desired, existing, now, until, cancellationToken);

        // The planned reminders left without a row (due after the horizon) are written by the materialisation job.
        var stored = existing.Select(r => r.Key).ToHashSet();
        var next = desired.Where(r => r.ScheduledForUtc > until && !stored.Contains(r.Key)).Select(r => (DateTime?)r.ScheduledForUtc).Min();
        await StampPlanAsync(@case, next, now, cancellationToken);
        await Planning.ReminderPlanStamps.StampAsync(db, hearings, judgeSet, cancellationToken);
    }

    /// <summary>What the plan of one case is computed from, read now with no tracking (also the case view's planned reminders).</summary>
    public async Task<Planning.ReminderPlanInput> LoadInputAsync(Case @case, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var caseId = @case.Id;

        // Cancelled hearings too: the plan skips them, and their plan stamp records that their rows were cancelled.
        var hearings = await db.Set<Hearing>().AsNoTracking().Where(h => h.CaseId == caseId).ToListAsync(cancellationToken);
        var judgeSet = await db.Set<JudgeSetDeadline>().AsNoTracking().Where(d => d.CaseId == caseId).ToListAsync(cancellationToken);
        var contact = await db.Set<ClientContact>().AsNoTracking().FirstOrDefaultAsync(c => c.CaseId == caseId, cancellationToken);
        var schedule = await db.Set<ReminderSchedule>().AsNoTracking().FirstOrDefaultAsync(s => s.OrganisationId == @case.OrganisationId, cancellationToken)
            ?? ReminderSchedule.Default;
        var attorneys = await directory.AttorneysForCaseAsync(@case, cancellationToken);
        return new Planning.ReminderPlanInput(@case, hearings, judgeSet, contact, attorneys, schedule, now, options.Value.DefaultTimeZone);
    }

    /// <summary>Brings the case's plan stamp (<see cref="CaseReminderPlan"/>) forward to <paramref name="next"/> and bumps its version, or inserts it.</summary>
    private async Task StampPlanAsync(Case @case, DateTime? next, DateTime now, CancellationToken ct)
    {
        // A replan only brings the due time forward, never later or to "none": a concurrent replan that read the case before
        // a change (a job started before a hearing was saved) must not push back a reminder the later replan found. A due
        // time too early costs one materialisation that finds nothing new and moves the stamp on (under the version check).
        var caseId = @case.Id;
        var plans = db.Set<CaseReminderPlan>().Where(p => p.CaseId == caseId);
        var updated = next is null
            ? await plans.ExecuteUpdateAsync(s => s.SetProperty(p => p.PlannedAtUtc, now).SetProperty(p => p.Version, p => p.Version + 1), ct)
            : await plans.ExecuteUpdateAsync(s => s
                .SetProperty(p => p.NextDueAtUtc, p => p.NextDueAtUtc == null || p.NextDueAtUtc > next ? next : p.NextDueAtUtc)
                .SetProperty(p => p.PlannedAtUtc, now).SetProperty(p => p.Version, p => p.Version + 1), ct);
        if (updated > 0)
        {
            return;
        }

        // A concurrent replan may insert it first: the key refuses ours and the retry in ReplanCaseAsync updates it.
        var plan = CaseReminderPlan.For(caseId, @case.OrganisationId, next, now);
        db.Set<CaseReminderPlan>().Add(plan);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.Set<CaseReminderPlan>().Entry(plan).State = EntityState.Detached;
        }
    }

    /// <param name="until">Rows not stored yet are added only when due by then (the materialisation horizon); rows already
    /// stored are cancelled, revived or moved against the whole plan.</param>
    private async Task ApplyAsync(IReadOnlyList<Reminder> desired, IReadOnlyList<Reminder> existing, DateTime now, DateTime until, CancellationToken ct)
    {
        var wanted = desired.ToDictionary(r => r.Key);
        var wantedStreams = desired.Select(r => (r.TargetKey, r.RecipientKind, r.RecipientId, r.Channel)).ToHashSet();
        var byKey = existing.ToDictionary(r => r.Key);

        // A pending row not in the plan goes, unless it is merely overdue (its send time passed since the plan was made)
        // for a target, recipient and channel that are all still wanted: that one is still to be delivered.
        var cancel = existing
            .Where(r => r.Status == ReminderStatus.Pending && !wanted.ContainsKey(r.Key)
                && (r.ScheduledForUtc > now || !wantedStreams.Contains((r.TargetKey, r.RecipientKind, r.RecipientId, r.Channel))))
            .Select(r => r.Id)
            .ToList();
        if (cancel.Count > 0)
        {
            await db.Set<Reminder>().Where(r => cancel.Contains(r.Id) && r.Status == ReminderStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReminderStatus.Cancelled).SetProperty(r => r.CancelledAtUtc, now), ct);
        }

        var added = new List<Reminder>();
        foreach (var row in desired)
        {
            if (!byKey.TryGetValue(row.Key, out var current))
            {
                if (row.ScheduledForUtc > until)
                {
                    continue;
                }

                db.Set<Reminder>().Add(row);
                added.Add(row);
            }
            else if (current.Status == ReminderStatus.Cancelled)
            {
                var id = current.Id;
                await db.Set<Reminder>().Where(r => r.Id == id && r.Status == ReminderStatus.Cancelled)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReminderStatus.Pending)
                        .SetProperty(r => r.CancelledAtUtc, (DateTime?)null)
                        .SetProperty(r => r.Language, row.Language)
                        .SetProperty(r => r.ScheduledForUtc, row.ScheduledForUtc)
                        .SetProperty(r => r.NextAttemptAtUtc, row.ScheduledForUtc)
                        .SetProperty(r => r.Attempts, 0), ct);
            }
            else if (current.Status == ReminderStatus.Pending && (current.ScheduledForUtc != row.ScheduledForUtc || current.Language != row.Language)
                && current.Attempts == 0)
            {
                var id = current.Id;
                await db.Set<Reminder>().Where(r => r.Id == id && r.Status == ReminderStatus.Pending)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Language, row.Language)
                        .SetProperty(r => r.ScheduledForUtc, row.ScheduledForUtc)
                        .SetProperty(r => r.NextAttemptAtUtc, row.ScheduledForUtc), ct);
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);

            // Stop tracking what was saved, so one scope can replan many cases (the sweep) without its tracker growing.
            foreach (var row in added)
            {
                db.Set<Reminder>().Entry(row).State = EntityState.Detached;
            }
        }
        catch (DbUpdateException)
        {
            // Stop tracking the refused inserts (Remove detaches an Added entity), so a retry starts clean.
            foreach (var row in added)
            {
                db.Set<Reminder>().Remove(row);
            }

            throw;
        }
    }
}
