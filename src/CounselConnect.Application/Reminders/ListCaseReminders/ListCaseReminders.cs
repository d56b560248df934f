using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Hearings;
using CounselConnect.Application.Reminders.ListFailedReminders;
using CounselConnect.Application.Reminders.Planning;
using CounselConnect.Domain.Reminders;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Reminders.ListCaseReminders;

/// <summary>
/// Every reminder of a case, by send time: its rows (pending, sending, sent, cancelled, failed), and the reminders of its
/// current plan that have no row yet (due after the materialisation horizon), computed on read with the same planning
/// logic and listed with the status <see cref="ReminderStatus.Planned"/>, no id and <c>materialised</c> false. Audited
/// as a read of the case (whom the reminders go to, when, in which language).
/// </summary>
public sealed record ListCaseRemindersQuery(Guid CaseId) : IQuery<IReadOnlyList<ReminderDto>>;

public sealed class ListCaseRemindersHandler(ICaseAccess access, IApplicationDbContext db, ReminderPlanner planner, TimeProvider clock, IAuditTrail audit)
    : IQueryHandler<ListCaseRemindersQuery, IReadOnlyList<ReminderDto>>
{
    public async ValueTask<IReadOnlyList<ReminderDto>> Handle(ListCaseRemindersQuery query, CancellationToken cancellationToken)
    {
        var @case = await access.GetCaseAsync(query.CaseId, cancellationToken);
        var rows = await db.Set<Reminder>().AsNoTracking().Where(r => r.CaseId == @case.Id).ToListAsync(cancellationToken);
        var stored = rows.Select(r => r.Key).ToHashSet();
        var input = await planner.LoadInputAsync(@case, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var planned = ReminderPlan.Build(input).Where(r => !stored.Contains(r.Key)).Select(r => r.ToPlannedDto(@case.Reference));
        audit.Record("reminder.list", "Case", @case.Id, "contact");
        await db.SaveChangesAsync(cancellationToken);
        return [.. rows.Select(r => r.ToDto(@case.Reference)).Concat(planned).OrderBy(r => r.ScheduledForUtc).ThenBy(r => r.Materialised ? 0 : 1)
            .ThenBy(r => r.Id)];
    }
}
