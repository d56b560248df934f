using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Hearings;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Hearings.ListHearings;

/// <summary>The hearings of a case (cancelled ones too), soonest first, each with its history.</summary>
public sealed record ListHearingsQuery(Guid CaseId) : IQuery<IReadOnlyList<HearingDto>>;

public sealed class ListHearingsHandler(ICaseAccess access, IApplicationDbContext db, IAuditTrail audit)
    : IQueryHandler<ListHearingsQuery, IReadOnlyList<HearingDto>>
{
    public async ValueTask<IReadOnlyList<HearingDto>> Handle(ListHearingsQuery query, CancellationToken cancellationToken)
    {
        var @case = await access.GetCaseAsync(query.CaseId, cancellationToken);
        var hearings = await db.Set<Hearing>().AsNoTracking().Where(h => h.CaseId == @case.Id).ToListAsync(cancellationToken);
        var ids = hearings.Select(h => h.Id).ToList();
        var changes = await db.Set<HearingChange>().AsNoTracking().Where(c => ids.Contains(c.HearingId)).ToListAsync(cancellationToken);
        audit.Record("hearing.list", "Case", @case.Id, "proceedings");
        await db.SaveChangesAsync(cancellationToken);
        return [.. hearings.OrderBy(h => h.ScheduledAtUtc).ThenBy(h => h.Id)
            .Select(h => h.ToDto(changes.Where(c => c.HearingId == h.Id)))];
    }
}
