using CounselConnect.Application.Common;
using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Reminders;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Reminders.ListFailedReminders;

/// <summary>Reminders of the caller's organisation that exhausted their retries, newest event first.</summary>
public sealed record ListFailedRemindersQuery(int Limit = 200) : IQuery<IReadOnlyList<ReminderDto>>;

public sealed class ListFailedRemindersValidator : AbstractValidator<ListFailedRemindersQuery>
{
    /// <summary>The most failed reminders one answer lists.</summary>
    public const int MaxLimit = 1000;

    public ListFailedRemindersValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit).WithMessage($"Use a limit from 1 to {MaxLimit}.");
    }
}

public sealed class ListFailedRemindersHandler(IApplicationDbContext db, ICurrentUser user) : IQueryHandler<ListFailedRemindersQuery, IReadOnlyList<ReminderDto>>
{
    public async ValueTask<IReadOnlyList<ReminderDto>> Handle(ListFailedRemindersQuery query, CancellationToken cancellationToken)
    {
        var organisationId = user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");
        return await FailedReminders.NewestFirst(db, organisationId).Take(query.Limit).ToListAsync(cancellationToken);
    }
}

/// <summary>The organisation's failed reminders with their case's reference, newest event first (ties by id), as both lists read them.</summary>
internal static class FailedReminders
{
    public static IQueryable<Reminder> Of(IApplicationDbContext db, Guid organisationId) =>
        db.Set<Reminder>().AsNoTracking().Where(r => r.OrganisationId == organisationId && r.Status == ReminderStatus.Failed);

    public static IQueryable<ReminderDto> NewestFirst(IApplicationDbContext db, Guid organisationId) =>
        Of(db, organisationId)
            .Join(db.Set<Case>(), r => r.CaseId, c => c.Id, (r, c) => new { r, c.Reference })
            .OrderByDescending(x => x.r.EventAtUtc).ThenBy(x => x.r.Id)
            .Select(x => x.r.ToDto(x.Reference));
}

/// <summary>
/// One page of <see cref="ListFailedRemindersQuery"/>'s list (same rows, same order) with the number of failed reminders of
/// the organisation, so the managers' page can say "showing 1–50 of N" and page through all of them.
/// </summary>
public sealed record ListFailedRemindersPageQuery(int Page = 1, int PageSize = 50) : IQuery<PagedList<ReminderDto>>;

public sealed class ListFailedRemindersPageHandler(IApplicationDbContext db, ICurrentUser user)
    : IQueryHandler<ListFailedRemindersPageQuery, PagedList<ReminderDto>>
{
    public async ValueTask<PagedList<ReminderDto>> Handle(ListFailedRemindersPageQuery query, CancellationToken cancellationToken)
    {
        var organisationId = user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");
        var page = Math.Max(1, query.Page);
        var size = Math.Clamp(query.PageSize, 1, 200);
        var total = await FailedReminders.Of(db, organisationId).CountAsync(cancellationToken);
        var rows = await FailedReminders.NewestFirst(db, organisationId).Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new PagedList<ReminderDto>(rows, page, size, total);
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
