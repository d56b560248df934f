using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Reminders;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Reminders.ListFailedReminders;

/// <summary>Reminders of the caller's organisation that exhausted their retries, newest event first.</summary>
public sealed record ListFailedRemindersQuery(int Limit = 200) : IQuery<IReadOnlyList<ReminderDto>>;

public sealed class ListFailedRemindersHandler(IApplicationDbContext db, ICurrentUser user) : IQueryHandler<ListFailedRemindersQuery, IReadOnlyList<ReminderDto>>
{
    public async ValueTask<IReadOnlyList<ReminderDto>> Handle(ListFailedRemindersQuery query, CancellationToken cancellationToken)
    {
        var organisationId = user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");
        var rows = await db.Set<Reminder>().AsNoTracking()
            .Where(r => r.OrganisationId == organisationId && r.Status == ReminderStatus.Failed)
            .OrderByDescending(r => r.EventAtUtc)
            .Take(Math.Clamp(query.Limit, 1, 1000))
            .Join(db.Set<Case>(), r => r.CaseId, c => c.Id, (r, c) => new { r, c.Reference })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(x => x.r.ToDto(x.Reference))];
    }
}

public static class ReminderMapping
{
    public static ReminderDto ToDto(this Reminder r, string? caseReference) => new(r.Id, r.CaseId, caseReference, r.TargetKind, r.TargetId, r.TargetKey,
        r.OffsetDays, r.RecipientKind, r.Channel, r.Language, r.ScheduledForUtc, r.Status, r.Attempts,
        r.Status == ReminderStatus.Pending ? r.NextAttemptAtUtc : null, r.SentAtUtc, r.ProviderMessageId, r.LastError);

    /// <summary>A reminder of the plan with no row yet: when, what kind, to whom and how; no id, no attempts.</summary>
    public static ReminderDto ToPlannedDto(this Reminder r, string? caseReference) => new(null, r.CaseId, caseReference, r.TargetKind, r.TargetId, r.TargetKey,
        r.OffsetDays, r.RecipientKind, r.Channel, r.Language, r.ScheduledForUtc, ReminderStatus.Planned, 0, null, null, null, null, Materialised: false);
}
