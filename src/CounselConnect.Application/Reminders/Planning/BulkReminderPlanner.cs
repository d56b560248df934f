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

/// <summary>
/// Plans many cases at once (the replan sweep, an organisation's schedule change). Reads cases, hearings, judge-set
/// deadlines, contacts, schedules and attorneys for a batch of cases with no tracking, computes the plans in memory,
/// and writes the rows of cases that have none yet through <see cref="IReminderRowStore"/> (a set-based insert that
/// skips existing keys). A case that already has rows may need rows cancelled, revived or moved, so it goes through
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
            var cases = await db.Set<Case>().AsNoTracking().Where(c => fresh.Contains(c.Id)).ToListAsync(ct);
            var hearings = (await db.Set<Hearing>().AsNoTracking().Where(h => fresh.Contains(h.CaseId)).ToListAsync(ct)).ToLookup(h => h.CaseId);
            var judgeSet = (await db.Set<JudgeSetDeadline>().AsNoTracking().Where(d => fresh.Contains(d.CaseId)).ToListAsync(ct)).ToLookup(d => d.CaseId);
            var contacts = await db.Set<ClientContact>().AsNoTracking().Where(c => fresh.Contains(c.CaseId)).ToDictionaryAsync(c => c.CaseId, ct);
            var organisations = cases.Select(c => c.OrganisationId).Distinct().ToList();
            var schedules = await db.Set<ReminderSchedule>().AsNoTracking().Where(s => organisations.Contains(s.OrganisationId))
                .ToDictionaryAsync(s => s.OrganisationId, ct);
            var attorneys = await directory.AttorneysForCasesAsync(cases, ct);
            var zone = options.Value.DefaultTimeZone;

            var inputs = cases.Select(c => new ReminderPlanInput(c, [.. hearings[c.Id]], [.. judgeSet[c.Id]], contacts.GetValueOrDefault(c.Id),
                attorneys.GetValueOrDefault(c.Id) ?? [], schedules.GetValueOrDefault(c.OrganisationId) ?? ReminderSchedule.Default, now, zone)).ToList();
            var rows = PlanAll(inputs);
            planned = rows.Count;
            inserted = await store.InsertMissingAsync(rows, ct);
            await ReminderPlanStamps.StampAsync(db, inputs.SelectMany(i => i.Hearings), inputs.SelectMany(i => i.JudgeSetDeadlines), ct);
        }

        foreach (var caseId in batch.Where(withRows.Contains))
        {
            await planner.ReplanCaseAsync(caseId, ct);
        }

        return new BulkPlanResult(batch.Length, planned, inserted, withRows.Count);
    }

    /// <summary>The plans of many cases, computed on every core (<see cref="ReminderPlan.Build"/> is pure).</summary>
    public static List<Reminder> PlanAll(IReadOnlyList<ReminderPlanInput> inputs) =>
        [.. inputs.AsParallel().AsOrdered().SelectMany(ReminderPlan.Build)];
}
