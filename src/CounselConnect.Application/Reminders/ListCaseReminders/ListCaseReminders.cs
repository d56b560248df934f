using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Hearings;
using CounselConnect.Application.Reminders.ListFailedReminders;
using CounselConnect.Domain.Reminders;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Reminders.ListCaseReminders;

/// <summary>Every reminder row of a case (planned, sent, cancelled, failed), by send time.</summary>
public sealed record ListCaseRemindersQuery(Guid CaseId) : IQuery<IReadOnlyList<ReminderDto>>;

public sealed class ListCaseRemindersHandler(ICaseAccess access, IApplicationDbContext db) : IQueryHandler<ListCaseRemindersQuery, IReadOnlyList<ReminderDto>>
{
    public async ValueTask<IReadOnlyList<ReminderDto>> Handle(ListCaseRemindersQuery query, CancellationToken cancellationToken)
    {
        var @case = await access.GetCaseAsync(query.CaseId, cancellationToken);
        var rows = await db.Set<Reminder>().AsNoTracking().Where(r => r.CaseId == @case.Id).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.ScheduledForUtc).ThenBy(r => r.Id).Select(r => r.ToDto(@case.Reference))];
    }
}
