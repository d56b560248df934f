using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Calendars;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Attorney.GetMyCalendarFeed;

/// <summary>
/// Whether the caller has a calendar link now, and since when. The secret itself is never stored (only its hash),
/// so it cannot be shown again: a lost link is renewed.
/// </summary>
public sealed record GetMyCalendarFeedQuery : IQuery<CalendarFeedStatusDto>;

public sealed record CalendarFeedStatusDto(bool Active, DateTime? CreatedAtUtc);

public sealed class GetMyCalendarFeedHandler(IApplicationDbContext db, ICurrentUser user) : IQueryHandler<GetMyCalendarFeedQuery, CalendarFeedStatusDto>
{
    public async ValueTask<CalendarFeedStatusDto> Handle(GetMyCalendarFeedQuery query, CancellationToken cancellationToken)
    {
        var subject = user.Subject;
        var created = subject is null ? null : await db.Set<CalendarFeed>().AsNoTracking()
            .Where(f => f.UserSubject == subject && f.OrganisationId == user.OrganisationId && f.RevokedAtUtc == null)
            .OrderByDescending(f => f.CreatedAtUtc)
            .Select(f => (DateTime?)f.CreatedAtUtc)
            .FirstOrDefaultAsync(cancellationToken);
        return new CalendarFeedStatusDto(created is not null, created);
    }
}
