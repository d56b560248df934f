using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.Hearings;
using CounselConnect.Domain.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CounselConnect.Application.Reminders.Planning;

/// <summary>What a bulk planning pass did.</summary>
/// <param name="Cases">Cases looked at.</param>
/// <param name="RowsPlanned">Rows the plans of the cases without any reminder rows had.</param>
/// <param name="RowsInserted">Of those, rows written (the others already existed).</param>
/// <param name="CasesReplannedOneByOne">Cases that already had rows, brought in line by <see cref="ReminderPlanner"/> one at a time.</param>
public sealed record BulkPlanResult(int Cases, int RowsPlanned, int RowsInserted, int CasesReplannedOneByOne);

/// <summary>What a materialisation run did.</summary>
/// <param name="Cases">Cases whose stamp said a reminder was due within the horizon.</param>
/// <param name="RowsPlanned">Rows of their plans due within the horizon.</param>
/// <param name="RowsInserted">Of those, rows written (the others were stored already).</param>
/// <param name="StampsMoved">Stamps moved on (a case replanned meanwhile keeps the replan's stamp).</param>
public sealed record MaterialiseResult(int Cases, int RowsPlanned, int RowsInserted, int StampsMoved);

/// <summary>
/// Plans many cases at once (the replan sweep, an organisation's schedule change). Reads cases, hearings, judge-set
/// deadlines, contacts, schedules and attorneys for a batch of cases with no tracking, computes the plans in memory,
/// and writes the rows of cases that have none yet through <see cref="IReminderRowStore"/> (a set-based insert that
/// skips existing keys): only those due within <see cref="ReminderOptions.MaterialiseHorizon"/>, with one plan stamp per case
/// (<see cref="CaseReminderPlan"/>) for the rest, which <see cref="MaterialiseDueAsync"/> writes when they come within it.
/// A case that already has rows may need rows cancelled, revived or moved, so it goes through
/// <see cref="ReminderPlanner.ReplanCaseAsync"/>. Both paths stamp what they planned (<see cref="ReminderPlanStamps"/>).
/// </summary>
public sealed class BulkReminderPlanner(IApplicationDbContext db, IReminderRecipientDirectory directory, IReminderRowStore store,
    ReminderPlanner planner, TimeProvider clock, IOptions<ReminderOptions> options)
{
    /// <summary>Cases read per batch.</summary>
    public const int BatchSize = 2000;

    public async Task<BulkPlanResult> PlanCasesAsync(IReadOnlyCollection<Guid> caseIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caseIds);
        var total = new BulkPlanResult(0, 0, 0, 0);
        foreach (var batch in caseIds.Distinct().Chunk(BatchSize))
        {
            var result = await PlanBatchAsync(batch, cancellationToken);
            total = new BulkPlanResult(total.Cases + result.Cases, total.RowsPlanned + result.RowsPlanned, total.RowsInserted + result.RowsInserted,
                total.CasesReplannedOneByOne + result.CasesReplannedOneByOne);
        }

        return total;
    }

    private async Task<BulkPlanResult> PlanBatchAsync(Guid[] batch, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var withRows = (await db.Set<Reminder>().AsNoTracking().Where(r => batch.Contains(r.CaseId)).Select(r => r.CaseId).Distinct()
            .ToListAsync(ct)).ToHashSet();
        var fresh = batch.Where(id => !withRows.Contains(id)).ToArray();
        var planned = 0;
        var inserted = 0;
        if (fresh.Length > 0)
        {
            var inputs = await LoadInputsAsync(fresh, now, ct);
            var plans = PlanWithin(inputs, now + options.Value.MaterialiseHorizon);
            var rows = plans.SelectMany(p => p.Window.Rows).ToList();
            planned = rows.Count;
            inserted = await store.InsertMissingAsync(rows, ct);
            await store.UpsertPlansAsync([.. plans.Select(p => CaseReminderPlan.For(p.Input.Case.Id, p.Input.Case.OrganisationId, p.Window.NextDueAfterUtc, now))], ct);
            await ReminderPlanStamps.StampAsync(db, inputs.SelectMany(i => i.Hearings), inputs.SelectMany(i => i.JudgeSetDeadlines), ct);
        }

        foreach (var caseId in batch.Where(withRows.Contains))
        {
            await planner.ReplanCaseAsync(caseId, ct);
        }

        return new BulkPlanResult(batch.Length, planned, inserted, withRows.Count);
    }

    /// <summary>
    /// The materialisation step (recurring job <c>reminders:materialise</c>): for every case whose plan stamp says a reminder
    /// falls due within <paramref name="horizon"/>, writes the plan's rows due by then (the unique key skips rows already
    /// stored, so two runs or two servers write each row once) and moves the stamp on to the next reminder after that. The
    /// stamp moves only if no replan bumped its version meanwhile. Reads each case's data when it runs, so quiet hours,
    /// the client's language and consent and the current assignment apply as they are now.
    /// </summary>
    public async Task<MaterialiseResult> MaterialiseDueAsync(TimeSpan horizon, int maxCases, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + horizon;
        var due = await db.Set<CaseReminderPlan>().AsNoTracking().Where(p => p.NextDueAtUtc != null && p.NextDueAtUtc <= until)
            .OrderBy(p => p.NextDueAtUtc).Take(Math.Max(1, maxCases)).Select(p => new { p.CaseId, p.Version, p.NextDueAtUtc }).ToListAsync(cancellationToken);
        var total = new MaterialiseResult(0, 0, 0, 0);
        foreach (var batch in due.Chunk(BatchSize))
        {
            var versions = batch.ToDictionary(p => p.CaseId, p => p.Version);

            // A stamp already past due means the job was down longer than the horizon: those cases catch up from their stamp.
            var catchUp = batch.Where(p => p.NextDueAtUtc < now).ToDictionary(p => p.CaseId, p => p.NextDueAtUtc!.Value);
            var inputs = await LoadInputsAsync([.. versions.Keys], now, cancellationToken, catchUp);
            var plans = PlanWithin(inputs, until);
            var rows = plans.SelectMany(p => p.Window.Rows).ToList();
            var inserted = await store.InsertMissingAsync(rows, cancellationToken);
            var moved = await store.AdvancePlansAsync([.. plans.Select(p => CaseReminderPlan.For(p.Input.Case.Id, p.Input.Case.OrganisationId,
                p.Window.NextDueAfterUtc, now, versions[p.Input.Case.Id]))], cancellationToken);
            total = new MaterialiseResult(total.Cases + batch.Length, total.RowsPlanned + rows.Count, total.RowsInserted + inserted, total.StampsMoved + moved);
        }

        return total;
    }

    /// <summary>Everything planning needs for these cases, read with no tracking, one query per kind of data.</summary>
    /// <param name="catchUp">Cases to plan from a past time (their stamp's due time), with their hearings' last change times.</param>
    private async Task<List<ReminderPlanInput>> LoadInputsAsync(Guid[] caseIds, DateTime now, CancellationToken ct,
        IReadOnlyDictionary<Guid, DateTime>? catchUp = null)
    {
        var cases = await db.Set<Case>().AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToListAsync(ct);
        var hearings = (await db.Set<Hearing>().AsNoTracking().Where(h => caseIds.Contains(h.CaseId)).ToListAsync(ct)).ToLookup(h => h.CaseId);
        var judgeSet = (await db.Set<JudgeSetDeadline>().AsNoTracking().Where(d => caseIds.Contains(d.CaseId)).ToListAsync(ct)).ToLookup(d => d.CaseId);
        var contacts = await db.Set<ClientContact>().AsNoTracking().Where(c => caseIds.Contains(c.CaseId)).ToDictionaryAsync(c => c.CaseId, ct);
        var organisations = cases.Select(c => c.OrganisationId).Distinct().ToList();
        var schedules = await db.Set<ReminderSchedule>().AsNoTracking().Where(s => organisations.Contains(s.OrganisationId))
            .ToDictionaryAsync(s => s.OrganisationId, ct);
        var attorneys = await directory.AttorneysForCasesAsync(cases, ct);
        var zone = options.Value.DefaultTimeZone;
        Dictionary<Guid, DateTime>? changed = null;
        if (catchUp is { Count: > 0 })
        {
            var late = catchUp.Keys.SelectMany(id => hearings[id]).Select(h => h.Id).ToList();
            changed = await db.Set<HearingChange>().AsNoTracking().Where(h => late.Contains(h.HearingId))
                .GroupBy(h => h.HearingId).Select(g => new { g.Key, At = g.Max(h => h.ChangedAtUtc) }).ToDictionaryAsync(g => g.Key, g => g.At, ct);
        }

        return [.. cases.Select(c => new ReminderPlanInput(c, [.. hearings[c.Id]], [.. judgeSet[c.Id]], contacts.GetValueOrDefault(c.Id),
            attorneys.GetValueOrDefault(c.Id) ?? [], schedules.GetValueOrDefault(c.OrganisationId) ?? ReminderSchedule.Default, now, zone,
            catchUp?.GetValueOrDefault(c.Id) is { } from && from != default ? from : null, changed))];
    }

    /// <summary>
    /// The plans of many cases up to <paramref name="untilUtc"/> (<see cref="ReminderPlan.BuildWithin"/>): the rows due by
    /// then and, per case, when the next one after that is due. Parallel over cases when there are many.
    /// </summary>
    public static List<(ReminderPlanInput Input, ReminderWindow Window)> PlanWithin(IReadOnlyList<ReminderPlanInput> inputs, DateTime untilUtc)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return inputs.Count < 4 * ParallelChunk
            ? [.. inputs.Select(i => (i, ReminderPlan.BuildWithin(i, untilUtc)))]
            : [.. inputs.Chunk(ParallelChunk).AsParallel().AsOrdered().SelectMany(chunk => chunk.Select(i => (i, ReminderPlan.BuildWithin(i, untilUtc))))];
    }

    /// <summary>Cases per parallel work item (one per case costs more in scheduling than the plan itself).</summary>
    private const int ParallelChunk = 2048;

    /// <summary>The plans of many cases, computed on every core (<see cref="ReminderPlan.Build"/> is pure).</summary>
    public static List<Reminder> PlanAll(IReadOnlyList<ReminderPlanInput> inputs) =>
        [.. inputs.AsParallel().AsOrdered().SelectMany(ReminderPlan.Build)];
}
